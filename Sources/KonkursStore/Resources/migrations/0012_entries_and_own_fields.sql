-- Entries as they really are (issue 16): a team's name, and the values of the nomination's own
-- fields (the title of the practice, the topic of a master class), by the regulation's field id.
-- People's roles, a pupil's guardian and each member's consent to list their name stay in `members`.
ALTER TABLE applications
    ADD COLUMN entry_name text CHECK (length(entry_name) BETWEEN 1 AND 300),
    ADD COLUMN fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object');

-- Each person of a pair or a team gets their own numbered diploma: `recipient` is the person's
-- place among the application's awardees (0 for a person's or an organisation's only diploma).
ALTER TABLE diplomas ADD COLUMN recipient smallint NOT NULL DEFAULT 0 CHECK (recipient >= 0);
ALTER TABLE diplomas DROP CONSTRAINT diplomas_contest_id_application_id_award_key;
ALTER TABLE diplomas ADD CONSTRAINT diplomas_one_per_recipient UNIQUE (contest_id, application_id, award, recipient);
