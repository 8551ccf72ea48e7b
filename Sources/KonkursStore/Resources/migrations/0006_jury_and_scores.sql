-- Jury panels, conflicts of interest, assignments and score sheets (issue 6).
ALTER TABLE contests ADD COLUMN current_stage text;

CREATE TABLE panels (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    -- NULL: every stage / every nomination of the edition.
    stage text,
    nomination text,
    order_number text NOT NULL CHECK (length(order_number) BETWEEN 1 AND 100),
    order_date date,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE panel_members (
    panel_id bigint NOT NULL REFERENCES panels (id),
    user_id bigint NOT NULL REFERENCES users (id),
    role text NOT NULL CHECK (role IN ('member', 'chair', 'secretary')),
    -- The organisation the juror works in: they never score its applications.
    organisation_id bigint REFERENCES organisations (id),
    active boolean NOT NULL DEFAULT true,
    PRIMARY KEY (panel_id, user_id)
);
CREATE UNIQUE INDEX one_chair_per_panel ON panel_members (panel_id) WHERE role = 'chair' AND active;

-- Declared and automatic conflicts: the juror neither reads nor scores the application.
CREATE TABLE conflicts (
    user_id bigint NOT NULL REFERENCES users (id),
    application_id bigint NOT NULL REFERENCES applications (id),
    kind text NOT NULL CHECK (kind IN ('organisation', 'participant', 'declared')),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    declared_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, application_id)
);

-- "No conflict of interest" confirmed by a juror before scoring a stage.
CREATE TABLE conflict_confirmations (
    user_id bigint NOT NULL REFERENCES users (id),
    contest_id bigint NOT NULL REFERENCES contests (id),
    stage text NOT NULL,
    confirmed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, contest_id, stage)
);

CREATE TABLE assignments (
    contest_id bigint NOT NULL REFERENCES contests (id),
    stage text NOT NULL,
    application_id bigint NOT NULL REFERENCES applications (id),
    user_id bigint NOT NULL REFERENCES users (id),
    panel_id bigint NOT NULL REFERENCES panels (id),
    added_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contest_id, stage, application_id, user_id)
);
CREATE INDEX assignments_by_juror ON assignments (user_id, contest_id, stage);

-- One sheet per juror × application × trial (the natural key); marks and comments by criterion id.
CREATE TABLE score_sheets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    stage text NOT NULL,
    trial text NOT NULL,
    application_id bigint NOT NULL REFERENCES applications (id),
    user_id bigint NOT NULL REFERENCES users (id),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    marks jsonb NOT NULL DEFAULT '{}',
    comments jsonb NOT NULL DEFAULT '{}',
    version integer NOT NULL DEFAULT 1,
    submit_key text,
    entered_by text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    UNIQUE (user_id, application_id, trial)
);
CREATE INDEX score_sheets_by_stage ON score_sheets (contest_id, stage, status);
