-- A juror's mark save in one round trip. The service reads the scoring gate, decides on it (phase,
-- assignment, membership, conflicts, confirmation) and checks the marks against the regulation; then
-- one call takes the edition's stage lock, re-reads the gate and writes only if it is still the one
-- the service decided on, with the versioned upsert and its audit entry. In READ COMMITTED every
-- statement of a PL/pgSQL function takes a fresh snapshot, so the gate is read after the lock is
-- held, exactly as when these were separate statements.

-- What a write to an application's sheets by a juror depends on, as one row.
CREATE FUNCTION scoring_gate(p_user bigint, p_application bigint)
RETURNS TABLE (contest_id bigint, phase text, current_stage text, regulation_sha256 text, nomination text,
               assigned_panel bigint, active_member boolean, conflicted boolean, confirmed boolean)
LANGUAGE sql STABLE AS $$
    SELECT c.id, c.phase, c.current_stage, c.regulation_sha256, a.nomination,
        (SELECT s.panel_id FROM assignments s
            WHERE s.contest_id = c.id AND s.stage = c.current_stage AND s.application_id = a.id AND s.user_id = p_user),
        EXISTS (SELECT 1 FROM assignments s JOIN panel_members m ON m.panel_id = s.panel_id AND m.user_id = s.user_id AND m.active
            WHERE s.contest_id = c.id AND s.stage = c.current_stage AND s.application_id = a.id AND s.user_id = p_user),
        EXISTS (SELECT 1 FROM conflicts f WHERE f.user_id = p_user AND f.application_id = a.id),
        EXISTS (SELECT 1 FROM conflict_confirmations k WHERE k.user_id = p_user AND k.contest_id = c.id AND k.stage = c.current_stage)
    FROM applications a JOIN contests c ON c.id = a.contest_id
    WHERE a.id = p_application
$$;

-- The versioned upsert on the natural key: applies only onto the version the writer saw, only to a
-- draft; returns nothing when the sheet was stale or submitted. Juror saves and paper imports share
-- it. PL/pgSQL rather than SQL: its statement's plan is kept for the session, not made per call.
CREATE FUNCTION upsert_score_sheet(
    p_contest bigint, p_stage text, p_trial text, p_application bigint, p_user bigint,
    p_marks jsonb, p_comments jsonb, p_removed_marks text[], p_removed_comments text[], p_expected_version integer, p_entered_by text)
RETURNS SETOF score_sheets
LANGUAGE plpgsql AS $$
DECLARE
    saved score_sheets;
BEGIN
    INSERT INTO score_sheets AS s (contest_id, stage, trial, application_id, user_id, marks, comments, entered_by)
    VALUES (p_contest, p_stage, p_trial, p_application, p_user, p_marks, p_comments, p_entered_by)
    ON CONFLICT (user_id, application_id, trial) DO UPDATE
    SET marks = (s.marks || EXCLUDED.marks) - p_removed_marks,
        comments = (s.comments || EXCLUDED.comments) - p_removed_comments,
        version = s.version + 1, updated_at = now(), entered_by = coalesce(EXCLUDED.entered_by, s.entered_by)
    WHERE s.version = p_expected_version AND s.status = 'draft'
    RETURNING * INTO saved;
    IF FOUND THEN
        RETURN NEXT saved;
    END IF;
END
$$;

-- outcome: 'saved' (the sheet as saved), 'refused' (stale or submitted: the sheet as it is now, if
-- any) or 'gate' (the gate changed since the service read it: nothing written, read it again).
CREATE FUNCTION save_score_sheet(
    p_lock_class integer, p_gate text, p_user bigint, p_actor_login text, p_request_id text,
    p_application bigint, p_trial text, p_marks jsonb, p_comments jsonb, p_removed_marks text[], p_removed_comments text[],
    p_expected_version integer, p_details jsonb)
RETURNS TABLE (outcome text, id bigint, contest_id bigint, stage text, trial text, application_id bigint, user_id bigint,
               status text, marks text, comments text, version integer, entered_by text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    gate record;
    saved score_sheets;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(p_lock_class, a.contest_id::int) FROM applications a WHERE a.id = p_application;
    SELECT * INTO gate FROM scoring_gate(p_user, p_application);
    IF gate::text IS DISTINCT FROM p_gate THEN
        outcome := 'gate';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT * INTO saved FROM upsert_score_sheet(gate.contest_id, gate.current_stage, p_trial, p_application, p_user,
        p_marks, p_comments, p_removed_marks, p_removed_comments, p_expected_version, NULL);
    IF saved.id IS NULL THEN
        RETURN QUERY SELECT 'refused'::text, s.id, s.contest_id, s.stage, s.trial, s.application_id, s.user_id,
                s.status, s.marks::text, s.comments::text, s.version, s.entered_by
            FROM score_sheets s WHERE s.user_id = p_user AND s.application_id = p_application AND s.trial = p_trial;
        RETURN;
    END IF;
    INSERT INTO audit_log (actor_id, actor_login, action, target, details, request_id)
    VALUES (p_user, p_actor_login, 'score.save', 'sheet:' || saved.id, p_details || jsonb_build_object('version', saved.version::text), p_request_id);
    RETURN QUERY SELECT 'saved'::text, saved.id, saved.contest_id, saved.stage, saved.trial, saved.application_id, saved.user_id,
        saved.status, saved.marks::text, saved.comments::text, saved.version, saved.entered_by;
END
$$;
