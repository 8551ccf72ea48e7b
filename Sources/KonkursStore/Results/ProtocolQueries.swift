import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for protocols and their signatures (`0008_protocols_and_publication.sql`).
public enum ProtocolQueries {
    typealias Row = (
        Int64, Int64, Int, String, Bool, String, String, String, String, String?, String, String, Int, Int?, String?, String, Date, Date?
    )

    static let columns = """
        id, contest_id, version, stage, final, status, regulation, scores, entries, decisions, snapshot, sha256, signatures_required,
        supersedes, note, created_by, created_at, signed_at
        """

    static func stored(_ row: Row) throws -> StoredProtocol {
        StoredProtocol(
            id: row.0, contestID: row.1, version: row.2, stage: row.3, final: row.4,
            status: try StoredValue.decode(row.5, as: StoredProtocol.Status.self, "protocols", "status", id: row.0),
            regulation: row.6, scores: row.7, entries: row.8, decisions: row.9, snapshot: row.10, sha256: row.11, signaturesRequired: row.12,
            supersedes: row.13, note: row.14, createdBy: row.15, createdAt: row.16, signedAt: row.17)
    }

    public static func list(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [StoredProtocol] {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM protocols WHERE contest_id = \(contestID) ORDER BY version DESC", logger: logger
        ).decode(Row.self).array().map(stored)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> StoredProtocol? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM protocols WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(Row.self).array().first.map(stored)
    }

    public struct Draft: Sendable {
        public var contestID: Int64
        public var version: Int
        public var stage: String
        public var final: Bool
        public var regulation: String
        public var scores: String
        public var entries: String
        public var decisions: String?
        public var snapshot: String
        public var sha256: String
        public var signaturesRequired: Int
        public var supersedes: Int?
        public var note: String?
        public var createdBy: String

        public init(
            contestID: Int64, version: Int, stage: String, final: Bool, regulation: String, scores: String, entries: String, decisions: String?,
            snapshot: String, sha256: String, signaturesRequired: Int, supersedes: Int?, note: String?, createdBy: String
        ) {
            self.contestID = contestID
            self.version = version
            self.stage = stage
            self.final = final
            self.regulation = regulation
            self.scores = scores
            self.entries = entries
            self.decisions = decisions
            self.snapshot = snapshot
            self.sha256 = sha256
            self.signaturesRequired = signaturesRequired
            self.supersedes = supersedes
            self.note = note
            self.createdBy = createdBy
        }
    }

    public static func insert(_ connection: PostgresConnection, _ draft: Draft, logger: Logger) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO protocols (contest_id, version, stage, final, regulation, scores, entries, decisions, snapshot, sha256,
                signatures_required, supersedes, note, created_by)
            VALUES (\(draft.contestID), \(draft.version), \(draft.stage), \(draft.final), \(draft.regulation), \(draft.scores), \(draft.entries),
                \(draft.decisions), \(draft.snapshot), \(draft.sha256), \(draft.signaturesRequired), \(draft.supersedes), \(draft.note), \(draft.createdBy))
            RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
    }

    /// Marks earlier protocols of the same stage (only drafts, or also signed ones) as superseded by
    /// `version`; another stage's protocol is a different document and stays in force.
    public static func supersedeEarlier(
        _ connection: PostgresConnection, contestID: Int64, stage: String, version: Int, draftsOnly: Bool, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE protocols SET status = 'superseded'
            WHERE contest_id = \(contestID) AND stage = \(stage) AND version < \(version)
                AND (status = 'draft' OR (NOT \(draftsOnly) AND status = 'signed'))
            """, logger: logger)
    }

    public static func markSigned(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws {
        try await connection.query("UPDATE protocols SET status = 'signed', signed_at = now() WHERE id = \(id) AND status = 'draft'", logger: logger)
    }

    public static func signatures(_ connection: PostgresConnection, protocolID: Int64, logger: Logger) async throws -> [ProtocolSignature] {
        try await connection.query(
            """
            SELECT s.user_id, u.full_name, s.chair, s.on_paper, s.signed_at FROM protocol_signatures s JOIN users u ON u.id = s.user_id
            WHERE s.protocol_id = \(protocolID) ORDER BY s.signed_at, s.user_id
            """, logger: logger
        ).decode((Int64, String, Bool, Bool, Date).self).array().map {
            ProtocolSignature(userID: $0.0, fullName: $0.1, chair: $0.2, onPaper: $0.3, signedAt: $0.4)
        }
    }

    /// Adds a signature; false when this person has already signed.
    public static func sign(
        _ connection: PostgresConnection, protocolID: Int64, userID: Int64, chair: Bool, onPaper: Bool, recordedBy: String, logger: Logger
    ) async throws -> Bool {
        try await connection.query(
            """
            INSERT INTO protocol_signatures (protocol_id, user_id, chair, on_paper, recorded_by)
            VALUES (\(protocolID), \(userID), \(chair), \(onPaper), \(recordedBy)) ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger
        ).decode(Int.self).array().count == 1
    }

    /// The hash of the last sealed audit entry after sealing what is committed: the chain's head.
    public static func auditHead(_ connection: PostgresConnection, logger: Logger) async throws -> String {
        _ = try await connection.query("SELECT audit_seal()", logger: logger).decode(Int.self).array()
        return try await connection.query(
            "SELECT coalesce((SELECT hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1), '')", logger: logger
        ).decode(String.self).array().first ?? ""
    }
}
