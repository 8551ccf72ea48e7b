-- The decisions a protocol needs from people (tie-breaks by the jury or the chair, special prizes),
-- recorded by the secretary as the decisions file of the offline computation (issue 7).
CREATE TABLE result_decisions (
    contest_id bigint PRIMARY KEY REFERENCES contests (id),
    text text NOT NULL CHECK (length(text) <= 200000),
    sha256 text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
