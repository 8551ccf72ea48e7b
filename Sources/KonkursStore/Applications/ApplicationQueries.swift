import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for applications. Members and consents are stored as JSON documents of the application.
public enum ApplicationQueries {
    typealias Row = (Int64, Int64, String, Int64, String, String, Bool, String?, Bool, String, String?, String?, String, String)

    static let columns = """
        id, contest_id, nomination, organisation_id, status, members::text, consent_processing, consent_publication::text, self_nominated,
        video_links::text, reason, entry_name, fields::text, (SELECT short_name FROM organisations WHERE organisations.id = organisation_id)
        """

    static func application(_ row: Row) throws -> Application {
        Application(
            id: row.0, contestID: row.1, nomination: row.2, organisationID: row.3,
            status: try StoredValue.decode(row.4, as: Application.Status.self, "applications", "status", id: row.0),
            members: try StoredValue.json(row.5, as: [Application.Member].self, "applications", "members", id: row.0), consentProcessing: row.6,
            consentPublication: try row.7.map { try StoredValue.json($0, as: [String].self, "applications", "consent_publication", id: row.0) },
            selfNominated: row.8, videoLinks: try StoredValue.json(row.9, as: [String].self, "applications", "video_links", id: row.0),
            entryName: row.11, fields: try StoredValue.json(row.12, as: [String: String].self, "applications", "fields", id: row.0), reason: row.10,
            organisationName: row.13

        )
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    public static func insert(
        _ connection: PostgresConnection, contestID: Int64, nomination: String, organisationID: Int64, content: Application.Content, logger: Logger
    ) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO applications (contest_id, nomination, organisation_id, members, consent_processing, consent_publication, self_nominated, video_links,
                entry_name, fields)
            VALUES (\(contestID), \(nomination), \(organisationID), \(try json(content.members))::jsonb, \(content.consentProcessing),
                \(try content.consentPublication.map(json))::jsonb, \(content.selfNominated), \(try json(content.videoLinks))::jsonb,
                \(content.entryName), \(try json(content.fields))::jsonb)
            RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
    }

    public static func update(_ connection: PostgresConnection, id: Int64, content: Application.Content, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE applications SET members = \(try json(content.members))::jsonb, consent_processing = \(content.consentProcessing),
                consent_publication = \(try content.consentPublication.map(json))::jsonb, self_nominated = \(content.selfNominated),
                video_links = \(try json(content.videoLinks))::jsonb, entry_name = \(content.entryName), fields = \(try json(content.fields))::jsonb
            WHERE id = \(id)

            """, logger: logger)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Application? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM applications WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(Row.self).array().first.map(application)
    }

    public static func list(_ connection: PostgresConnection, _ filter: ApplicationFilter, logger: Logger) async throws -> [Application] {
        try await connection.query(
            """
            SELECT \(unescaped: columns) FROM applications
            WHERE (\(filter.organisation)::bigint IS NULL OR organisation_id = \(filter.organisation))
                AND (\(filter.contest)::bigint IS NULL OR contest_id = \(filter.contest))
                AND (\(filter.nomination)::text IS NULL OR nomination = \(filter.nomination))
                AND (\(filter.status?.rawValue)::text IS NULL OR status = \(filter.status?.rawValue))
            ORDER BY id
            """, logger: logger
        ).decode(Row.self).array().map(application)
    }

    public static func setStatus(_ connection: PostgresConnection, id: Int64, status: Application.Status, reason: String?, logger: Logger)
        async throws
    {
        try await connection.query(
            """
            UPDATE applications SET status = \(status.rawValue), reason = \(reason),
                submitted_at = CASE WHEN \(status.rawValue) = 'submitted' THEN now() ELSE submitted_at END
            WHERE id = \(id)
            """, logger: logger)
    }

    /// Serialises submissions of one organisation to one nomination (the quota's invariant), then
    /// counts the applications holding the quota.
    public static func lockQuota(_ connection: PostgresConnection, contestID: Int64, nomination: String, organisationID: Int64, logger: Logger)
        async throws -> Int
    {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("quota:\(contestID):\(nomination):\(organisationID)"), 0))", logger: logger)
        return try await connection.query(
            """
            SELECT count(*)::bigint FROM applications WHERE contest_id = \(contestID) AND nomination = \(nomination)
                AND organisation_id = \(organisationID) AND status IN ('submitted', 'admitted')
            """, logger: logger
        ).decode(Int.self).array()[0]
    }

    /// Per nomination, how many applications of the contest have one of the statuses.
    public static func countByNomination(
        _ connection: PostgresConnection, contestID: Int64, statuses: [Application.Status], logger: Logger
    ) async throws -> [String: Int] {
        let rows = try await connection.query(
            """
            SELECT nomination, count(*)::bigint FROM applications
            WHERE contest_id = \(contestID) AND status = ANY(\(statuses.map(\.rawValue)))
            GROUP BY nomination
            """, logger: logger
        ).decode((String, Int).self).array()
        return Dictionary(uniqueKeysWithValues: rows)
    }
}

extension ApplicationQueries {
    /// Withdraws the consent to publish anything about the application's people (any status),
    /// a team member's consent to list their name with the team included.
    public static func withdrawPublicationConsent(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE applications SET consent_publication = '[]'::jsonb,
                members = (SELECT coalesce(jsonb_agg(member - 'namePublished' ORDER BY position), '[]'::jsonb)
                           FROM jsonb_array_elements(members) WITH ORDINALITY AS listed (member, position))
            WHERE id = \(id)
            """, logger: logger)
    }

}
