import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for appeals, approval, publications and diplomas (`0008_protocols_and_publication.sql`).
public enum PublicationQueries {
    typealias AppealRow = (Int64, Int64, Int64, Int64, String, String, Date, String, String?, String?, Int?)

    public static func appeals(_ connection: PostgresConnection, contestID: Int64?, organisationID: Int64? = nil, logger: Logger) async throws
        -> [Appeal]
    {
        try await connection.query(
            """
            SELECT p.id, p.contest_id, p.application_id, a.organisation_id, p.text, p.filed_by, p.filed_at, p.status, p.decision, p.decided_by,
                p.protocol_version
            FROM appeals p JOIN applications a ON a.id = p.application_id
            WHERE (\(contestID)::bigint IS NULL OR p.contest_id = \(contestID)) AND (\(organisationID)::bigint IS NULL OR a.organisation_id = \(organisationID)) ORDER BY p.id
            """, logger: logger
        ).decode(AppealRow.self).array().map {
            Appeal(
                id: $0.0, contestID: $0.1, applicationID: $0.2, organisationID: $0.3, text: $0.4, filedBy: $0.5, filedAt: $0.6,
                status: try StoredValue.decode($0.7, as: Appeal.Status.self, "appeals", "status", id: $0.0), decision: $0.8, decidedBy: $0.9,
                protocolVersion: $0.10)
        }
    }

    public static func fileAppeal(_ connection: PostgresConnection, contestID: Int64, applicationID: Int64, text: String, by: String, logger: Logger)
        async throws -> Int64
    {
        try await connection.query(
            "INSERT INTO appeals (contest_id, application_id, text, filed_by) VALUES (\(contestID), \(applicationID), \(text), \(by)) RETURNING id",
            logger: logger
        ).decode(Int64.self).array()[0]
    }

    /// Records the commission's decision; false when the appeal was already decided.
    public static func decideAppeal(
        _ connection: PostgresConnection, id: Int64, status: Appeal.Status, decision: String, by: String, protocolVersion: Int?, logger: Logger
    ) async throws -> Bool {
        try await connection.query(
            """
            UPDATE appeals SET status = \(status.rawValue), decision = \(decision), decided_by = \(by), decided_at = now(), protocol_version = \(protocolVersion)
            WHERE id = \(id) AND status = 'filed' RETURNING 1
            """, logger: logger
        ).decode(Int.self).array().count == 1
    }

    public static func approve(_ connection: PostgresConnection, contestID: Int64, order: String, date: String, by: String, logger: Logger)
        async throws
    {
        try await connection.query(
            "UPDATE contests SET approval_order = \(order), approval_date = \(date)::date, approved_by = \(by) WHERE id = \(contestID)",
            logger: logger)
    }

    /// The approving order as printed ("№ 123 от 01.12.2026"), when recorded.
    public static func approval(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> (order: String, date: String)? {
        try await connection.query(
            "SELECT approval_order, to_char(approval_date, 'DD.MM.YYYY') FROM contests WHERE id = \(contestID) AND approval_order IS NOT NULL",
            logger: logger
        ).decode((String, String).self).array().first.map { (order: $0.0, date: $0.1) }
    }

    typealias PublicationRow = (Int64, Int64, Int, Int64, String?, String, String?, Date?, String, String)
    static let publicationColumns = "id, contest_id, version, protocol_id, note, requested_by, confirmed_by, confirmed_at, public_json, public_html"

    static func publication(_ row: PublicationRow) -> Publication {
        Publication(
            id: row.0, contestID: row.1, version: row.2, protocolID: row.3, note: row.4, requestedBy: row.5, confirmedBy: row.6, confirmedAt: row.7,
            publicJSON: row.8, publicHTML: row.9)
    }

    public static func publications(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [Publication] {
        try await connection.query(
            "SELECT \(unescaped: publicationColumns) FROM publications WHERE contest_id = \(contestID) ORDER BY version DESC", logger: logger
        ).decode(PublicationRow.self).array().map(publication)
    }

    /// The newest confirmed publication of each edition (what the public sees).
    public static func current(_ client: PostgresClient, contestID: Int64, logger: Logger) async throws -> Publication? {
        try await client.query(
            """
            SELECT \(unescaped: publicationColumns) FROM publications WHERE contest_id = \(contestID) AND confirmed_at IS NOT NULL
            ORDER BY version DESC LIMIT 1
            """, logger: logger
        ).decode(PublicationRow.self).array().first.map(publication)
    }

    public static func request(
        _ connection: PostgresConnection, contestID: Int64, protocolID: Int64, note: String?, by: String, json: String, html: String, logger: Logger
    ) async throws -> Int {
        try await connection.query(
            """
            INSERT INTO publications (contest_id, version, protocol_id, note, requested_by, public_json, public_html)
            SELECT \(contestID), coalesce(max(version), 0) + 1, \(protocolID), \(note), \(by), \(json), \(html) FROM publications WHERE contest_id = \(contestID)
            RETURNING version
            """, logger: logger
        ).decode(Int.self).array()[0]
    }

    public static func confirm(_ connection: PostgresConnection, id: Int64, by: String, logger: Logger) async throws {
        try await connection.query(
            "UPDATE publications SET confirmed_by = \(by), confirmed_at = now() WHERE id = \(id) AND confirmed_at IS NULL", logger: logger)
    }

    public static func setPublicView(_ connection: PostgresConnection, id: Int64, json: String, html: String, logger: Logger) async throws {
        try await connection.query("UPDATE publications SET public_json = \(json), public_html = \(html) WHERE id = \(id)", logger: logger)
    }

    // MARK: Diplomas

    public static func templates(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try await connection.query(
                "SELECT award, text FROM diploma_templates WHERE contest_id = \(contestID)", logger: logger
            )
            .decode((String, String).self).array())
    }

    public static func setTemplate(_ connection: PostgresConnection, contestID: Int64, award: String, text: String, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO diploma_templates (contest_id, award, text) VALUES (\(contestID), \(award), \(text))
            ON CONFLICT (contest_id, award) DO UPDATE SET text = EXCLUDED.text
            """, logger: logger)
    }

    /// The diploma numbers given so far, by `application:award:recipient`.
    public static func diplomaNumbers(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [String: Int] {
        var numbers: [String: Int] = [:]
        for (application, award, recipient, number) in try await connection.query(
            "SELECT application_id, award, recipient::integer, number FROM diplomas WHERE contest_id = \(contestID)", logger: logger
        ).decode((Int64, String, Int, Int).self).array() {
            numbers["\(application):\(award):\(recipient)"] = number
        }
        return numbers
    }

    /// Numbers the award's diplomas, one per recipient (0…`recipients`-1); numbers once given stay.
    public static func issueDiploma(
        _ connection: PostgresConnection, contestID: Int64, applicationID: Int64, award: String, recipients: Int, logger: Logger
    ) async throws {
        for recipient in 0..<max(1, recipients) {
            try await connection.query(
                """
                INSERT INTO diplomas (contest_id, number, application_id, award, recipient)
                SELECT \(contestID), coalesce(max(number), 0) + 1, \(applicationID), \(award), \(recipient) FROM diplomas WHERE contest_id = \(contestID)
                ON CONFLICT (contest_id, application_id, award, recipient) DO NOTHING
                """, logger: logger)
        }
    }

}
