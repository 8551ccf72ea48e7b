import Crypto
import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// The append-only, hash-chained audit log (see `0002_people_and_audit.sql`).
public enum AuditQueries {
    /// Appends an entry inside the caller's transaction: it commits or rolls back with the change.
    /// Prepared once per connection: every change writes one.
    public static func append(_ connection: PostgresConnection, _ entry: AuditEntry, logger: Logger) async throws {
        _ = try await connection.execute(Append(entry: entry), logger: logger)
    }

    struct Append: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO audit_log (actor_id, actor_login, action, target, details, request_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            """
        typealias Row = ()
        let entry: AuditEntry

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(entry.actorID)
            bindings.append(entry.actorLogin)
            bindings.append(entry.action)
            bindings.append(entry.target)
            bindings.append(entry.details)
            bindings.append(entry.requestID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// Gives committed entries their place in the chain; returns how many were sealed.
    @discardableResult
    public static func seal(_ client: PostgresClient, logger: Logger) async throws -> Int {
        try await client.query("SELECT audit_seal()", logger: logger).decode(Int.self).array().first ?? 0
    }

    public static func recent(
        _ client: PostgresClient, since: Date? = nil, actor: String? = nil, limit: Int = 200, logger: Logger
    ) async throws -> [AuditRecord] {
        let rows = try await client.query(
            """
            SELECT id, occurred_at, actor_login, action, target, details::text, request_id, seq IS NOT NULL FROM audit_log
            WHERE (\(since) :: timestamptz IS NULL OR occurred_at >= \(since)) AND (\(actor) :: text IS NULL OR actor_login = \(actor))
            ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        return try await rows.decode((Int64, Date, String, String, String, String, String?, Bool).self).array().map {
            AuditRecord(id: $0.0, occurredAt: $0.1, actorLogin: $0.2, action: $0.3, target: $0.4, details: $0.5, requestID: $0.6, sealed: $0.7)
        }
    }

    /// Recomputes every sealed entry's hash in chain order and checks each links to the one before.
    public static func verify(_ client: PostgresClient, logger: Logger) async throws -> AuditVerification {
        let rows = try await client.query(
            "SELECT a.id, a.seq, coalesce(a.prev_hash, ''), coalesce(a.hash, ''), audit_entry_text(a) FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq",
            logger: logger)
        var previous = ""
        var expectedSeq: Int64 = 1
        var sealed = 0
        for try await (id, seq, prevHash, hash, text) in rows.decode((Int64, Int64, String, String, String).self) {
            sealed += 1
            let broken: String? =
                if seq != expectedSeq { "пропуск в цепочке: ожидалась позиция \(expectedSeq), найдена \(seq)" } else if prevHash != previous {
                    "ссылка на предыдущую запись не совпадает"
                } else if SHA256.hash(data: Data(text.utf8)).hexString != hash { "содержимое записи изменено" } else { nil }
            if let broken {
                return AuditVerification(sealed: sealed, unsealed: 0, firstBroken: (id, broken))
            }
            previous = hash
            expectedSeq += 1
        }
        let unsealed = try await client.query("SELECT count(*)::bigint FROM audit_log WHERE seq IS NULL", logger: logger).decode(Int.self).array()[0]
        return AuditVerification(sealed: sealed, unsealed: unsealed, firstBroken: nil)
    }
}

extension AuditQueries {
    /// Appends entries of one actor and request in one statement (imports write thousands).
    public static func append(
        _ connection: PostgresConnection, actorID: Int64?, actorLogin: String, action: String, requestID: String?,
        targets: [String], details: [String], logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO audit_log (actor_id, actor_login, action, target, details, request_id)
            SELECT \(actorID), \(actorLogin), \(action), target, details::jsonb, \(requestID)
            FROM unnest(\(targets)::text[], \(details)::text[]) WITH ORDINALITY AS entry (target, details, position) ORDER BY position
            """, logger: logger)
    }
}
