-- Protocols, signatures, appeals, approval, publication and diplomas (issue 7).

-- The order approving an edition's results: publication is refused without it.
ALTER TABLE contests
    ADD COLUMN approval_order text CHECK (length(approval_order) BETWEEN 1 AND 100),
    ADD COLUMN approval_date date,
    ADD COLUMN approved_by text;

-- A protocol keeps the files it was computed from and its snapshot; what is signed is the snapshot
-- and its SHA-256. Versions of an edition's protocols count up; a newer one supersedes the older.
CREATE TABLE protocols (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    version integer NOT NULL CHECK (version > 0),
    stage text NOT NULL,
    final boolean NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'superseded')),
    regulation text NOT NULL,
    scores text NOT NULL,
    entries text NOT NULL,
    decisions text,
    snapshot text NOT NULL,
    sha256 text NOT NULL,
    signatures_required integer NOT NULL CHECK (signatures_required >= 1),
    supersedes integer,
    note text CHECK (length(note) <= 2000),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    signed_at timestamptz,
    UNIQUE (contest_id, version)
);

-- Only the status (draft → signed → superseded) and the moment of signing ever change.
CREATE FUNCTION protocols_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'protocols are kept';
    END IF;
    IF (NEW.id, NEW.contest_id, NEW.version, NEW.stage, NEW.final, NEW.regulation, NEW.scores, NEW.entries, NEW.decisions, NEW.snapshot,
            NEW.sha256, NEW.signatures_required, NEW.supersedes, NEW.note, NEW.created_by, NEW.created_at)
        IS DISTINCT FROM (OLD.id, OLD.contest_id, OLD.version, OLD.stage, OLD.final, OLD.regulation, OLD.scores, OLD.entries, OLD.decisions,
            OLD.snapshot, OLD.sha256, OLD.signatures_required, OLD.supersedes, OLD.note, OLD.created_by, OLD.created_at)
        OR (OLD.status = 'signed' AND NEW.status = 'draft') OR OLD.status = 'superseded'
    THEN
        RAISE EXCEPTION 'a protocol is immutable once drawn up';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER protocols_immutable BEFORE UPDATE OR DELETE ON protocols FOR EACH ROW EXECUTE FUNCTION protocols_immutable();

CREATE TABLE protocol_signatures (
    protocol_id bigint NOT NULL REFERENCES protocols (id),
    user_id bigint NOT NULL REFERENCES users (id),
    chair boolean NOT NULL,
    on_paper boolean NOT NULL DEFAULT false,
    recorded_by text NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (protocol_id, user_id)
);

CREATE TABLE appeals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    application_id bigint NOT NULL REFERENCES applications (id),
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    filed_by text NOT NULL,
    filed_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'rejected', 'changed')),
    decision text CHECK (length(decision) <= 5000),
    decided_by text,
    decided_at timestamptz,
    protocol_version integer
);
CREATE INDEX appeals_by_contest ON appeals (contest_id, id);

-- A publication shows a signed protocol to the public. Requested by one person, confirmed by another;
-- `public_json` / `public_html` are what the public pages serve, rebuilt only when a consent is withdrawn.
CREATE TABLE publications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    version integer NOT NULL CHECK (version > 0),
    protocol_id bigint NOT NULL REFERENCES protocols (id),
    note text CHECK (length(note) <= 2000),
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    confirmed_by text,
    confirmed_at timestamptz,
    public_json text NOT NULL,
    public_html text NOT NULL,
    UNIQUE (contest_id, version),
    CHECK (confirmed_by IS NULL OR confirmed_by <> requested_by)
);
CREATE UNIQUE INDEX publications_one_pending ON publications (contest_id) WHERE confirmed_at IS NULL;

CREATE TABLE diploma_templates (
    contest_id bigint NOT NULL REFERENCES contests (id),
    award text NOT NULL CHECK (award IN ('winner', 'second', 'third', 'laureate', 'special', 'participant')),
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    PRIMARY KEY (contest_id, award)
);

-- Numbers are given once per (application, award) and never reused.
CREATE TABLE diplomas (
    contest_id bigint NOT NULL REFERENCES contests (id),
    number integer NOT NULL CHECK (number > 0),
    application_id bigint NOT NULL REFERENCES applications (id),
    award text NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contest_id, number),
    UNIQUE (contest_id, application_id, award)
);
