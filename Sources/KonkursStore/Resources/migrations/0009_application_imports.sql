-- Applications imported from a spreadsheet (issue 8). A file is imported into an edition once: the
-- same bytes again are refused, so a retried upload never doubles the drafts.
CREATE TABLE application_imports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name text NOT NULL,
    applications integer NOT NULL CHECK (applications > 0),
    imported_by text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (contest_id, sha256)
);
