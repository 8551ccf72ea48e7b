-- One row describing this installation: when its database was created. Later migrations add the
-- domain tables; this one gives `/ready` and the home page something real to read.
CREATE TABLE installation (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO installation DEFAULT VALUES;
