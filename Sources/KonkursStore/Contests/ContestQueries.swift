import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for contest editions.
public enum ContestQueries {
    typealias Row = (Int64, String, String, String, String, Date?, Date?, String, String, String, String?)

    static let columns =
        "id, title, edition, time_zone, phase, applications_open_at, applications_close_at, regulation, regulation_sha256, not_held::text, current_stage"

    static func edition(_ row: Row) throws -> ContestEdition {
        ContestEdition(
            id: row.0, title: row.1, edition: row.2, timeZone: row.3,
            phase: try StoredValue.decode(row.4, as: ContestPhase.self, "contests", "phase", id: row.0),
            applicationsOpenAt: row.5, applicationsCloseAt: row.6, regulationText: row.7, regulationDigest: row.8,
            notHeld: try StoredValue.json(row.9, as: [String: String].self, "contests", "not_held", id: row.0), currentStage: row.10)
    }

    public static func list(_ connection: PostgresConnection, includeDrafts: Bool, logger: Logger) async throws -> [ContestEdition] {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM contests WHERE \(includeDrafts) OR phase <> 'draft' ORDER BY created_at DESC, id DESC", logger: logger
        ).decode(Row.self).array().map(edition)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> ContestEdition? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM contests WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(Row.self).array().first.map(edition)
    }

    public static func insert(
        _ connection: PostgresConnection, title: String, edition: String, timeZone: String, regulation: String, digest: String, logger: Logger
    ) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO contests (title, edition, time_zone, regulation, regulation_sha256)
            VALUES (\(title), \(edition), \(timeZone), \(regulation), \(digest)) RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
    }

    public static func setPhase(_ connection: PostgresConnection, id: Int64, phase: ContestPhase, logger: Logger) async throws {
        try await connection.query("UPDATE contests SET phase = \(phase.rawValue) WHERE id = \(id)", logger: logger)
    }

    public static func setNotHeld(_ connection: PostgresConnection, id: Int64, notHeld: [String: String], logger: Logger) async throws {
        let json = String(decoding: try JSONEncoder().encode(notHeld), as: UTF8.self)
        try await connection.query("UPDATE contests SET not_held = \(json)::jsonb WHERE id = \(id)", logger: logger)
    }

    public static func setCurrentStage(_ connection: PostgresConnection, id: Int64, stage: String, logger: Logger) async throws {
        try await connection.query("UPDATE contests SET current_stage = \(stage) WHERE id = \(id)", logger: logger)
    }

    public static func setSchedule(_ connection: PostgresConnection, id: Int64, open: Date?, close: Date?, logger: Logger) async throws {
        try await connection.query(
            "UPDATE contests SET applications_open_at = \(open), applications_close_at = \(close) WHERE id = \(id)", logger: logger)
    }

    /// Editions whose declared instants may move them now.
    public static func scheduled(_ connection: PostgresConnection, logger: Logger) async throws -> [ContestEdition] {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM contests WHERE phase IN ('announced', 'applications_open') ORDER BY id", logger: logger
        ).decode(Row.self).array().map(edition)
    }
}

extension ContestQueries {
    public static func decisions(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> String? {
        try await connection.query("SELECT text FROM result_decisions WHERE contest_id = \(contestID)", logger: logger).decode(String.self).array()
            .first
    }

    public static func setDecisions(_ connection: PostgresConnection, contestID: Int64, text: String, sha256: String, by: String, logger: Logger)
        async throws
    {
        try await connection.query(
            """
            INSERT INTO result_decisions (contest_id, text, sha256, recorded_by) VALUES (\(contestID), \(text), \(sha256), \(by))
            ON CONFLICT (contest_id) DO UPDATE SET text = EXCLUDED.text, sha256 = EXCLUDED.sha256, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
            """, logger: logger)
    }
}
