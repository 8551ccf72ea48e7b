-- An attempt's own values besides the jurors' marks (issue 17): the factor, extra points and named
-- extras a trial declares, entered by whoever it declares (the secretary or the panel's chair),
-- one row per application × trial × attempt × column of the offline score file.
CREATE TABLE attempt_values (
    contest_id bigint NOT NULL REFERENCES contests (id),
    stage text NOT NULL,
    trial text NOT NULL,
    application_id bigint NOT NULL REFERENCES applications (id),
    attempt integer NOT NULL CHECK (attempt BETWEEN 1 AND 100),
    component text NOT NULL CHECK (component = 'factor' OR component = 'extra' OR component LIKE 'extra:%'),
    value text NOT NULL CHECK (value ~ '^-?[0-9]+(\.[0-9]{1,6})?$'),
    entered_by text NOT NULL,
    entered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, trial, attempt, component)
);
CREATE INDEX attempt_values_by_contest ON attempt_values (contest_id, stage);
