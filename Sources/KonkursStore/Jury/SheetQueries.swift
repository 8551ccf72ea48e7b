import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for score sheets. A change is one upsert on the natural key (juror, application, trial) that
/// applies only to the version the juror saw: no mark is lost to a concurrent edit, none applied twice.
public enum SheetQueries {
    typealias Row = (Int64, Int64, String, String, Int64, Int64, String, String, String, Int, String?)

    static let columns = "id, contest_id, stage, trial, application_id, user_id, status, marks::text, comments::text, version, entered_by"

    static func sheet(_ row: Row) throws -> ScoreSheet {
        let texts = try StoredValue.json(row.7, as: [String: String].self, "score_sheets", "marks", id: row.0)
        var marks: [String: Rational] = [:]
        for (criterion, text) in texts {
            guard let mark = DecimalText.parse(text) else { throw StoredValueError(table: "score_sheets", column: "marks", id: row.0, value: text) }
            marks[criterion] = mark
        }
        return ScoreSheet(
            id: row.0, contestID: row.1, stage: row.2, trial: row.3, applicationID: row.4, jurorID: row.5,
            status: try StoredValue.decode(row.6, as: ScoreSheet.Status.self, "score_sheets", "status", id: row.0),
            marks: marks, comments: try StoredValue.json(row.8, as: [String: String].self, "score_sheets", "comments", id: row.0),
            version: row.9, enteredBy: row.10)
    }

    static func json(_ value: [String: String]) -> String { JSONValue.compact(value) }

    public struct Key: Sendable, Hashable {
        public let contestID: Int64
        public let stage: String
        public let trial: String
        public let applicationID: Int64
        public let userID: Int64

        public init(contestID: Int64, stage: String, trial: String, applicationID: Int64, userID: Int64) {
            self.contestID = contestID
            self.stage = stage
            self.trial = trial
            self.applicationID = applicationID
            self.userID = userID
        }
    }

    public static func find(_ connection: PostgresConnection, _ key: Key, logger: Logger) async throws -> ScoreSheet? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM score_sheets WHERE user_id = \(key.userID) AND application_id = \(key.applicationID) AND trial = \(key.trial)",
            logger: logger
        ).decode(Row.self).array().first.map(sheet)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> ScoreSheet? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM score_sheets WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(Row.self).array().first.map(sheet)
    }

    /// Applies marks and comments (an empty text removes one) if the sheet is still a draft at
    /// `expectedVersion` (0: not created yet); returns the saved sheet, or nil when it was stale or locked.
    public static func save(
        _ connection: PostgresConnection, _ key: Key, marks: [String: String], comments: [String: String], removed: [String], expectedVersion: Int,
        enteredBy: String?, logger: Logger
    ) async throws -> ScoreSheet? {
        try await connection.execute(
            Save(key: key, marks: marks, comments: comments, removed: removed, expectedVersion: expectedVersion, enteredBy: enteredBy), logger: logger
        ).array().first.map(sheet)
    }

    /// The paper import's save, prepared once per connection (`upsert_score_sheet`, migration 0010).
    struct Save: PostgresPreparedStatement {
        static let sql = """
            SELECT \(columns) FROM upsert_score_sheet($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::text[], $9::text[], $10::integer, $11)
            """
        typealias Row = SheetQueries.Row
        let key: Key
        let marks: [String: String]
        let comments: [String: String]
        let removed: [String]
        let expectedVersion: Int
        let enteredBy: String?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(key.contestID)
            bindings.append(key.stage)
            bindings.append(key.trial)
            bindings.append(key.applicationID)
            bindings.append(key.userID)
            bindings.append(json(marks))
            bindings.append(json(comments.filter { !$0.value.isEmpty }))
            bindings.append(removed)
            bindings.append(comments.filter { $0.value.isEmpty }.map(\.key))
            bindings.append(expectedVersion)
            bindings.append(enteredBy)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// What became of a juror's save made in one call.
    public enum SaveOutcome: Sendable {
        case saved(ScoreSheet)
        /// Stale or submitted: nothing changed; the sheet as it is now.
        case refused(ScoreSheet?)
        /// The gate is no longer the one the service decided on: nothing changed.
        case gateChanged
    }

    /// A juror's save in one call (`save_score_sheet`, migration 0010): under the stage lock, only
    /// if the gate still reads as `gate`, the versioned upsert and its audit entry (`details` plus
    /// the new version), in the caller's transaction.
    public static func save(
        _ connection: PostgresConnection, gate: Gate, _ key: Key, marks: [String: String], comments: [String: String], removed: [String],
        expectedVersion: Int, actorLogin: String, requestID: String?, details: String, logger: Logger
    ) async throws -> SaveOutcome {
        let statement = SaveIfGateHolds(
            save: Save(key: key, marks: marks, comments: comments, removed: removed, expectedVersion: expectedVersion, enteredBy: nil),
            gate: gate.text, actorLogin: actorLogin, requestID: requestID, details: details)
        guard let row = try await connection.execute(statement, logger: logger).array().first else { return .refused(nil) }
        let sheet = try row.1.map { id in
            try self.sheet((id, row.2!, row.3!, row.4!, row.5!, row.6!, row.7!, row.8!, row.9!, row.10!, row.11))
        }
        switch row.0 {
        case "saved": return .saved(sheet!)
        case "gate": return .gateChanged
        default: return .refused(sheet)
        }
    }

    struct SaveIfGateHolds: PostgresPreparedStatement {
        static let sql = """
            SELECT outcome, id, contest_id, stage, trial, application_id, user_id, status, marks, comments, version, entered_by
            FROM save_score_sheet($1::integer, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::text[], $11::text[], $12::integer, $13::jsonb)
            """
        typealias Row = (String, Int64?, Int64?, String?, String?, Int64?, Int64?, String?, String?, String?, Int?, String?)
        let save: Save
        let gate: String
        let actorLogin: String
        let requestID: String?
        let details: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(SheetQueries.stageLockClass)
            bindings.append(gate)
            bindings.append(save.key.userID)
            bindings.append(actorLogin)
            bindings.append(requestID)
            bindings.append(save.key.applicationID)
            bindings.append(save.key.trial)
            bindings.append(json(save.marks))
            bindings.append(json(save.comments.filter { !$0.value.isEmpty }))
            bindings.append(save.removed)
            bindings.append(save.comments.filter { $0.value.isEmpty }.map(\.key))
            bindings.append(save.expectedVersion)
            bindings.append(details)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Locks the sheet for its juror, remembering the submit's idempotency key.
    public static func submit(_ connection: PostgresConnection, id: Int64, key: String?, logger: Logger) async throws -> ScoreSheet {
        try await connection.query(
            """
            UPDATE score_sheets SET status = 'submitted', submitted_at = now(), submit_key = \(key), version = version + 1, updated_at = now()
            WHERE id = \(id) RETURNING \(unescaped: columns)
            """, logger: logger
        ).decode(Row.self).array().map(sheet)[0]
    }

    public static func submitKey(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> String? {
        try await connection.query("SELECT submit_key FROM score_sheets WHERE id = \(id)", logger: logger).decode(String?.self).array().first ?? nil
    }

    public static func reopen(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> ScoreSheet {
        try await connection.query(
            """
            UPDATE score_sheets SET status = 'draft', submitted_at = NULL, submit_key = NULL, version = version + 1, updated_at = now()
            WHERE id = \(id) RETURNING \(unescaped: columns)
            """, logger: logger
        ).decode(Row.self).array().map(sheet)[0]
    }

    public static func list(_ connection: PostgresConnection, contestID: Int64, stage: String, logger: Logger) async throws -> [ScoreSheet] {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM score_sheets WHERE contest_id = \(contestID) AND stage = \(stage) ORDER BY application_id, trial, user_id",
            logger: logger
        ).decode(Row.self).array().map(sheet)
    }

    /// The values of submitted sheets of the edition's admitted applications, a sheet at a time in
    /// protocol order (application, juror's login, the trial's place in the regulation), each with its
    /// values in the order of `trials`' keys ("" where unmarked). Streamed: an edition of
    /// 5,000,000 marks is never held as rows.
    public static func forEachSubmitted(
        _ connection: PostgresConnection, contestID: Int64, trials: [(id: String, keys: [String])], logger: Logger,
        _ body: (_ applicationID: Int64, _ login: String, _ trial: String, _ values: [String]) throws -> Void
    ) async throws {
        let keys = trials.flatMap { trial in trial.keys.map { (trial.id, $0) } }
        let rows = try await connection.query(
            """
            SELECT s.application_id, u.login, s.trial,
                ARRAY(SELECT coalesce(s.marks ->> k.criterion, '')
                      FROM unnest(\(keys.map(\.0))::text[], \(keys.map(\.1))::text[]) WITH ORDINALITY AS k (trial, criterion, position)

                      WHERE k.trial = s.trial ORDER BY k.position)
            FROM score_sheets s JOIN users u ON u.id = s.user_id
            WHERE s.contest_id = \(contestID) AND s.status = 'submitted' AND s.trial = ANY(\(trials.map(\.id))::text[])
              AND s.application_id IN (SELECT id FROM applications WHERE contest_id = \(contestID) AND status = 'admitted')
            ORDER BY s.application_id, u.login COLLATE "C", array_position(\(trials.map(\.id))::text[], s.trial)
            """, logger: logger)
        for try await (application, login, trial, values) in rows.decode((Int64, String, String, [String]).self) {
            try body(application, login, trial, values)
        }
    }

    /// Sheets still owed in the stage: every assignment of an active, unconflicted juror × every trial
    /// of the stage without a submitted sheet.
    public static func missing(_ connection: PostgresConnection, contestID: Int64, stage: String, trials: [String], logger: Logger) async throws
        -> [(applicationID: Int64, userID: Int64, trial: String)]
    {
        try await connection.query(
            """
            SELECT a.application_id, a.user_id, t.trial
            FROM assignments a
            JOIN panel_members m ON m.panel_id = a.panel_id AND m.user_id = a.user_id AND m.active
            CROSS JOIN unnest(\(trials)::text[]) AS t(trial)
            WHERE a.contest_id = \(contestID) AND a.stage = \(stage)
              AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.user_id = a.user_id AND c.application_id = a.application_id)
              AND NOT EXISTS (SELECT 1 FROM score_sheets s WHERE s.user_id = a.user_id AND s.application_id = a.application_id
                              AND s.trial = t.trial AND s.status = 'submitted')
            ORDER BY a.application_id, a.user_id, t.trial
            """, logger: logger
        ).decode((Int64, Int64, String).self).array().map { (applicationID: $0.0, userID: $0.1, trial: $0.2) }
    }
}

extension SheetQueries {
    /// Everything a mark's write must know (`scoring_gate`, migration 0010). A write reads it under
    /// the edition's stage lock held shared (`lockStageShared`, or inside `save_score_sheet`);
    /// closing the stage takes it exclusively, so a write is either in before the close or sees the
    /// stage closed. (A row lock FOR SHARE would do the same, but 64 jurors sharing one row make
    /// PostgreSQL build a multixact per locker: an advisory lock lives in memory only.)
    public struct Gate: Sendable {
        public let contestID: Int64
        public let phase: ContestPhase
        public let stage: String?
        public let regulationDigest: String
        public let nomination: String
        public let assignedPanel: Int64?
        public let activeMember: Bool
        public let conflicted: Bool
        public let confirmed: Bool
        /// The row as PostgreSQL prints it: the one-call save writes only while the gate still reads so.
        let text: String
    }

    public static func gate(_ connection: PostgresConnection, applicationID: Int64, userID: Int64, logger: Logger) async throws -> Gate? {
        try await connection.execute(GateStatement(applicationID: applicationID, userID: userID), logger: logger).array().first.map {
            Gate(
                contestID: $0.0, phase: try StoredValue.decode($0.1, as: ContestPhase.self, "contests", "phase", id: $0.0), stage: $0.2,
                regulationDigest: $0.3, nomination: $0.4, assignedPanel: $0.5,
                activeMember: $0.6, conflicted: $0.7, confirmed: $0.8, text: $0.9)
        }
    }

    struct GateStatement: PostgresPreparedStatement {
        static let sql = "SELECT g.*, g::text FROM scoring_gate($1, $2) g"
        typealias Row = (Int64, String, String?, String, String, Int64?, Bool, Bool, Bool, String)
        let applicationID: Int64
        let userID: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(userID)
            bindings.append(applicationID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The stage lock of the application's edition, shared, for this transaction. A separate
    /// statement: the gate's reads must be taken after the lock is held.
    public static func lockStageShared(_ connection: PostgresConnection, applicationID: Int64, logger: Logger) async throws {
        _ = try await connection.execute(LockStageShared(applicationID: applicationID), logger: logger).array()
    }

    struct LockStageShared: PostgresPreparedStatement {
        static let sql = "SELECT pg_advisory_xact_lock_shared(\(stageLockClass), contest_id::int)::text FROM applications WHERE id = $1"
        typealias Row = String
        let applicationID: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(applicationID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(String.self) }
    }

    /// The stage lock of an edition, exclusive: no mark is being written while it is held.
    public static func lockStage(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(stageLockClass), \(Int32(truncatingIfNeeded: contestID)))", logger: logger)
    }

    static let stageLockClass: Int32 = 7301

    public static func regulationText(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> String {
        try await connection.query("SELECT regulation FROM contests WHERE id = \(contestID)", logger: logger).decode(String.self).array()[0]
    }
}

extension SheetQueries {
    /// The appeal commission's change of one mark on a submitted sheet (the sheet stays submitted;
    /// its version grows). Returns the previous mark, or nil when there is no such submitted sheet.
    public static func correct(
        _ connection: PostgresConnection, applicationID: Int64, userID: Int64, trial: String, criterion: String, mark: String, by: String,
        logger: Logger
    ) async throws -> String? {
        try await connection.query(
            """
            UPDATE score_sheets s SET marks = jsonb_set(s.marks, ARRAY[\(criterion)], to_jsonb(\(mark)::text)), version = s.version + 1,
                updated_at = now(), entered_by = \(by)
            FROM score_sheets old WHERE old.id = s.id AND s.application_id = \(applicationID) AND s.user_id = \(userID) AND s.trial = \(trial)
                AND s.status = 'submitted'
            RETURNING coalesce(old.marks ->> \(criterion), '')
            """, logger: logger
        ).decode(String.self).array().first
    }
}
