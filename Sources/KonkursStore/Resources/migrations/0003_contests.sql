-- Contest editions created from regulation files (issue 5).
CREATE TABLE contests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    edition text NOT NULL CHECK (length(edition) BETWEEN 1 AND 100),
    time_zone text NOT NULL,
    regulation text NOT NULL,
    regulation_sha256 text NOT NULL,
    phase text NOT NULL DEFAULT 'draft' CHECK (phase IN (
        'draft', 'announced', 'applications_open', 'applications_closed', 'admission_review', 'stage_active', 'stage_scored',
        'protocol_signed', 'appeal_window', 'results_final', 'approved', 'published', 'archived', 'cancelled')),
    applications_open_at timestamptz,
    applications_close_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (title, edition),
    CHECK (applications_open_at IS NULL OR applications_close_at IS NULL OR applications_close_at > applications_open_at)
);
