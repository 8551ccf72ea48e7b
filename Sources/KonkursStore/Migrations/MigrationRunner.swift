import Logging
import PostgresNIO

/// Brings a database's schema up to date, once, even when several instances start together.
public struct MigrationRunner: Sendable {
    public struct State: Sendable, Equatable {
        public let migration: Migration
        public let isApplied: Bool
    }

    /// Every Konkurs instance takes this session-level advisory lock before touching the schema.
    static let advisoryLockKey: Int64 = 0x6B6F_6E6B_7572_73  // "konkurs"

    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies the pending migrations in order, each in its own transaction, and returns them.
    /// Refuses to run when an applied migration changed or is unknown to this build.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let logger = database.logger
        return try await withSchemaLock { connection in
            let applied = try await verifiedApplied(connection)
            var ran: [Migration] = []
            for migration in migrations where applied[migration.version] == nil {
                logger.info("Применяю миграцию", metadata: ["migration": "\(migration.fileName)"])
                do {
                    try await connection.withTransaction(logger: logger) { transaction in
                        for statement in SQLScript.statements(in: migration.sql) {
                            try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await transaction.query(
                            """
                            INSERT INTO schema_migrations (version, name, checksum)
                            VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                            """, logger: logger)
                    }
                } catch {
                    let reason = (error.unwrappingTransactionError as? PSQLError)?.shortDescription ?? "\(error.unwrappingTransactionError)"
                    throw MigrationError.failed(version: migration.version, name: migration.name, reason: reason)
                }
                ran.append(migration)
            }
            return ran
        }
    }

    /// Each known migration and whether it is applied (checksums verified as in `migrate`).
    public func status() async throws -> [State] {
        try await withSchemaLock { connection in
            let applied = try await verifiedApplied(connection)
            return migrations.map { State(migration: $0, isApplied: applied[$0.version] != nil) }
        }
    }

    // MARK: - Internals

    private func withSchemaLock<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let logger = database.logger
        return try await database.withSessionLock(Self.advisoryLockKey) { connection in
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            return try await body(connection)
        }
    }

    /// Applied versions with their checksums, after checking them against this build's files.
    private func verifiedApplied(_ connection: PostgresConnection) async throws -> [Int: String] {
        let rows = try await connection.query("SELECT version, name, checksum FROM schema_migrations", logger: database.logger)
        var applied: [Int: String] = [:]
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            guard let migration = known[version] else { throw MigrationError.unknownApplied(version: version, name: name) }
            guard migration.checksum == checksum else { throw MigrationError.checksumMismatch(version: version, name: migration.name) }
            applied[version] = checksum
        }
        return applied
    }
}
