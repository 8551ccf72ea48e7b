import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for applications. Members and consents are stored as JSON documents of the application.
public enum ApplicationQueries {
    typealias Row = (Int64, Int64, String, Int64, String, String, Bool, String, String?)

    static let columns = "id, contest_id, nomination, organisation_id, status, members::text, consent_processing, consent_publication::text, reason"

    static func application(_ row: Row) throws -> Application {
        let decoder = JSONDecoder()
        return Application(
            id: row.0, contestID: row.1, nomination: row.2, organisationID: row.3, status: Application.Status(rawValue: row.4) ?? .draft,
            members: try decoder.decode([Application.Member].self, from: Data(row.5.utf8)), consentProcessing: row.6,
            consentPublication: try decoder.decode([String].self, from: Data(row.7.utf8)), reason: row.8)
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    public static func insert(
        _ connection: PostgresConnection, contestID: Int64, nomination: String, organisationID: Int64, members: [Application.Member],
        consentProcessing: Bool, consentPublication: [String], logger: Logger
    ) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO applications (contest_id, nomination, organisation_id, members, consent_processing, consent_publication)
            VALUES (\(contestID), \(nomination), \(organisationID), \(try json(members))::jsonb, \(consentProcessing), \(try json(consentPublication))::jsonb)
            RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Application? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM applications WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(Row.self).array().first.map(application)
    }

    public static func list(_ connection: PostgresConnection, organisation: Int64?, contest: Int64?, logger: Logger) async throws -> [Application] {
        try await connection.query(
            """
            SELECT \(unescaped: columns) FROM applications
            WHERE (\(organisation) :: bigint IS NULL OR organisation_id = \(organisation)) AND (\(contest) :: bigint IS NULL OR contest_id = \(contest))
            ORDER BY id
            """, logger: logger
        ).decode(Row.self).array().map(application)
    }

    public static func setStatus(_ connection: PostgresConnection, id: Int64, status: Application.Status, reason: String?, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE applications SET status = \(status.rawValue), reason = \(reason),
                submitted_at = CASE WHEN \(status.rawValue) = 'submitted' THEN now() ELSE submitted_at END
            WHERE id = \(id)
            """, logger: logger)
    }

    /// Serialises submissions of one organisation to one nomination (the quota's invariant), then
    /// counts the applications holding the quota.
    public static func lockQuota(_ connection: PostgresConnection, contestID: Int64, nomination: String, organisationID: Int64, logger: Logger) async throws -> Int {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("quota:\(contestID):\(nomination):\(organisationID)"), 0))", logger: logger)
        return try await connection.query(
            """
            SELECT count(*)::bigint FROM applications WHERE contest_id = \(contestID) AND nomination = \(nomination)
                AND organisation_id = \(organisationID) AND status IN ('submitted', 'admitted')
            """, logger: logger
        ).decode(Int.self).array()[0]
    }
}
