-- Participation events (issue 16): the programme the department builds from admitted sessions,
-- the attendees registered by organisations or at the door, and numbered participation certificates.
CREATE TABLE programme_sessions (
    application_id bigint PRIMARY KEY REFERENCES applications (id),
    contest_id bigint NOT NULL REFERENCES contests (id),
    day date NOT NULL,
    starts text NOT NULL CHECK (starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    place text NOT NULL CHECK (length(place) BETWEEN 1 AND 300)
);
CREATE INDEX programme_sessions_by_contest ON programme_sessions (contest_id, day, starts);

CREATE TABLE event_attendees (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contest_id bigint NOT NULL REFERENCES contests (id),
    application_id bigint NOT NULL REFERENCES programme_sessions (application_id),
    organisation_id bigint REFERENCES organisations (id),
    surname text NOT NULL CHECK (length(surname) BETWEEN 1 AND 100),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    patronymic text CHECK (length(patronymic) BETWEEN 1 AND 100),
    position text CHECK (length(position) BETWEEN 1 AND 300),
    -- Nobody is registered without the consent to process their data (152-FZ).
    consent_processing boolean NOT NULL CHECK (consent_processing),
    registered_by text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    present boolean NOT NULL DEFAULT false,
    marked_by text,
    marked_at timestamptz
);
CREATE INDEX event_attendees_by_session ON event_attendees (contest_id, application_id);

-- Numbers are given once per recipient and never reused: a presenter (an application's awardee) or an attendee.
CREATE TABLE certificates (
    contest_id bigint NOT NULL REFERENCES contests (id),
    number integer NOT NULL CHECK (number > 0),
    application_id bigint REFERENCES applications (id),
    recipient smallint NOT NULL DEFAULT 0 CHECK (recipient >= 0),
    attendee_id bigint REFERENCES event_attendees (id),
    issued_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contest_id, number),
    CHECK ((application_id IS NULL) <> (attendee_id IS NULL)),
    UNIQUE (contest_id, application_id, recipient),
    UNIQUE (contest_id, attendee_id)
);
