-- Application documents, video links, self-nomination, the publication consent as a decision that may
-- still be missing, and nominations found not held (issue 5).
ALTER TABLE applications
    ADD COLUMN self_nominated boolean NOT NULL DEFAULT false,
    ADD COLUMN video_links jsonb NOT NULL DEFAULT '[]',
    ALTER COLUMN consent_publication DROP NOT NULL,
    ALTER COLUMN consent_publication DROP DEFAULT;

CREATE TABLE application_documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id),
    kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200 AND strpos(file_name, '/') = 0 AND strpos(file_name, '\') = 0),
    format text NOT NULL CHECK (format IN ('pdf', 'doc', 'docx', 'jpeg', 'png')),
    size integer NOT NULL CHECK (size > 0 AND size = length(content)),
    sha256 text NOT NULL,
    content bytea NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_documents_by_application ON application_documents (application_id);

-- Nominations with fewer entries than the regulation's minimum: id → the counts that decided it.
ALTER TABLE contests ADD COLUMN not_held jsonb NOT NULL DEFAULT '{}';
