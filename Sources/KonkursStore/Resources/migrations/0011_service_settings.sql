-- What a running service records for the admin commands on the same database (issue 14): the
-- public address its links start with, so `konkurs user add` prints a link that works.
CREATE TABLE service_settings (
    name text PRIMARY KEY CHECK (name IN ('public_url')),
    value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2000),
    updated_at timestamptz NOT NULL DEFAULT now()
);
