-- Applications of organisations to contest nominations (issue 5).
CREATE TABLE applications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    nomination text NOT NULL,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'returned', 'admitted', 'not_admitted', 'withdrawn')),
    members jsonb NOT NULL,
    consent_processing boolean NOT NULL DEFAULT false,
    consent_publication jsonb NOT NULL DEFAULT '[]',
    reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz
);
CREATE INDEX applications_by_contest ON applications (contest_id, nomination, organisation_id, status);
