import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for applications imported from a file (`0009_application_imports.sql`): many drafts per
/// statement, so a file of 100,000 applications is a few hundred round trips, not 200,000.
public enum ApplicationImportQueries {
    public struct Draft: Sendable {
        public let nomination: String
        public let organisationID: Int64
        public let content: Application.Content

        public init(nomination: String, organisationID: Int64, content: Application.Content) {
            self.nomination = nomination
            self.organisationID = organisationID
            self.content = content
        }
    }

    /// Records the file; nil when these bytes were already imported into the edition (then nothing
    /// else may be written).
    public static func begin(
        _ connection: PostgresConnection, contestID: Int64, sha256: String, fileName: String, applications: Int, importedBy: String, logger: Logger
    ) async throws -> Int64? {
        try await connection.query(
            """
            INSERT INTO application_imports (contest_id, sha256, file_name, applications, imported_by)
            VALUES (\(contestID), \(sha256), \(fileName), \(applications), \(importedBy))
            ON CONFLICT (contest_id, sha256) DO NOTHING RETURNING id
            """, logger: logger
        ).decode(Int64.self).array().first
    }

    /// The earlier import of the same bytes: its number, when and by whom.
    public static func earlier(_ connection: PostgresConnection, contestID: Int64, sha256: String, logger: Logger) async throws
        -> (id: Int64, at: Date, by: String)?
    {
        try await connection.query(
            "SELECT id, imported_at, imported_by FROM application_imports WHERE contest_id = \(contestID) AND sha256 = \(sha256)", logger: logger
        ).decode((Int64, Date, String).self).array().first.map { ($0.0, $0.1, $0.2) }
    }

    /// Inserts drafts and returns their ids in the drafts' order. The ids are drawn from the
    /// table's own identity first, so the order is certain rather than left to `RETURNING`.
    public static func insert(_ connection: PostgresConnection, contestID: Int64, _ drafts: [Draft], logger: Logger) async throws -> [Int64] {
        let ids = try await connection.query(
            "SELECT nextval(pg_get_serial_sequence('applications', 'id')) FROM generate_series(1, \(drafts.count))", logger: logger
        ).decode(Int64.self).array()
        let members = try drafts.map { try ApplicationQueries.json($0.content.members) }
        let publication = try drafts.map { try $0.content.consentPublication.map(ApplicationQueries.json) ?? "" }
        let fields = try drafts.map { try ApplicationQueries.json($0.content.fields) }
        try await connection.query(
            """
            INSERT INTO applications (id, contest_id, nomination, organisation_id, members, consent_processing, consent_publication, self_nominated, video_links,
                entry_name, fields)
            OVERRIDING SYSTEM VALUE
            SELECT id, \(contestID), nomination, organisation_id, members::jsonb, consent_processing, NULLIF(publication, '')::jsonb, false, '[]'::jsonb,
                NULLIF(entry_name, ''), fields::jsonb
            FROM unnest(\(ids)::bigint[], \(drafts.map(\.nomination))::text[], \(drafts.map(\.organisationID))::bigint[], \(members)::text[],
                \(drafts.map(\.content.consentProcessing))::boolean[], \(publication)::text[], \(drafts.map { $0.content.entryName ?? "" })::text[],
                \(fields)::text[])
                AS draft (id, nomination, organisation_id, members, consent_processing, publication, entry_name, fields)

            """, logger: logger)
        return ids
    }
}
