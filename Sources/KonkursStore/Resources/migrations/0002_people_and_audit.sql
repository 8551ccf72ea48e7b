-- Organisations, accounts with roles, sessions, API tokens, invitations, login throttling and the
-- hash-chained audit log (issue 4).

CREATE TABLE organisations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 500),
    short_name text NOT NULL UNIQUE CHECK (length(short_name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('school', 'kindergarten', 'additional', 'other')),
    district text NOT NULL CHECK (length(district) BETWEEN 1 AND 200),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 300),
    email text CHECK (email IS NULL OR length(email) <= 254),
    -- NULL until the user sets a password through the invitation link.
    password_hash text,
    organisation_id bigint REFERENCES organisations (id),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('admin', 'secretary', 'counting', 'coordinator', 'juror', 'chair', 'observer')),
    PRIMARY KEY (user_id, role)
);

-- Opaque tokens are stored only as SHA-256 hashes: a database leak does not leak sessions.
CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE invitations (
    token_hash text PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

-- Failed logins, by account and by address, for throttling (old rows are pruned on insert).
CREATE TABLE login_failures (
    key text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, failed_at);

-- The audit log. Rows are inserted in the transaction of the change they record; a sealer later
-- gives committed rows their place in the chain (seq) and hash, in batches, so writers never wait
-- for each other. Rows can never be deleted, and only the sealing columns can be set, once.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id bigint,
    actor_login text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    request_id text,
    seq bigint UNIQUE,
    prev_hash text,
    hash text
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;

-- The text an entry's hash covers; the same function serves sealing and verification.
CREATE FUNCTION audit_entry_text(entry audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', entry.seq, entry.id, to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(entry.actor_id::text, ''), entry.actor_login, entry.action, entry.target, entry.details::text,
        coalesce(entry.request_id, ''), coalesce(entry.prev_hash, ''))
$$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    IF OLD.seq IS NOT NULL
        OR (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_login, NEW.action, NEW.target, NEW.details, NEW.request_id)
            IS DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.actor_login, OLD.action, OLD.target, OLD.details, OLD.request_id)
    THEN
        RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Seals committed, unsealed entries in id order after the last sealed one. One sealer at a time
-- (advisory lock); an entry that commits late simply joins a later batch.
CREATE FUNCTION audit_seal(batch integer DEFAULT 1000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    last_seq bigint;
    last_hash text;
    entry audit_log;
    sealed integer := 0;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7007001) THEN
        RETURN 0;
    END IF;
    SELECT seq, hash INTO last_seq, last_hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
    last_seq := coalesce(last_seq, 0);
    last_hash := coalesce(last_hash, '');
    FOR entry IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT batch LOOP
        entry.seq := last_seq + 1;
        entry.prev_hash := last_hash;
        entry.hash := encode(sha256(convert_to(audit_entry_text(entry), 'UTF8')), 'hex');
        UPDATE audit_log SET seq = entry.seq, prev_hash = entry.prev_hash, hash = entry.hash WHERE id = entry.id;
        last_seq := entry.seq;
        last_hash := entry.hash;
        sealed := sealed + 1;
    END LOOP;
    RETURN sealed;
END
$$;
