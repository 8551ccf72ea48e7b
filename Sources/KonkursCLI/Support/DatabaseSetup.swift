import Foundation
import KonkursCore
import KonkursService
import KonkursStore
import Logging

/// The one place the command line touches the store: it opens the database a command names (the
/// embedded cluster or `DATABASE_URL`), migrates it and hands the use cases over, and does the
/// installation work that is done on the database itself — migrations, backups, restores. Every
/// other command file sees only use cases.
extension DatabaseOptions {
    func target(environment: Environment = .process) throws -> DatabaseTarget {
        try DatabaseTarget.resolve(
            databaseURL: databaseURL ?? environment["DATABASE_URL"],
            dataDirectory: environment.value(dataDirectory, "KONKURS_DATA_DIR", default: Self.defaultDataDirectory))
    }

    /// The database, migrated, with its use cases; `embedded` tells whether it is the private cluster.
    /// Admin commands attach to a running service's cluster; `serve` owns it.
    func withServices<Result: Sendable>(
        logger: Logger, attachToRunning: Bool, _ body: (_ services: KonkursServices, _ embedded: Bool) async throws -> Result
    ) async throws -> Result {
        let target = try target()
        return try await target.withDatabase(logger: logger, attachToRunning: attachToRunning) { database in
            try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
            return try await body(KonkursServices(database: database), target.isEmbedded)
        }
    }

    /// Each bundled migration's file name and whether it is applied.
    func migrationStatus(logger: Logger) async throws -> [(fileName: String, applied: Bool)] {
        let migrations = try Migration.bundled()
        return try await target().withDatabase(logger: logger, attachToRunning: true) { database in
            try await MigrationRunner(database: database, migrations: migrations).status().map { ($0.migration.fileName, $0.isApplied) }
        }
    }

    /// Applies the pending migrations; their file names.
    func migrate(logger: Logger) async throws -> [String] {
        let migrations = try Migration.bundled()
        return try await target().withDatabase(logger: logger, attachToRunning: true) { database in
            try await MigrationRunner(database: database, migrations: migrations).migrate().map(\.fileName)
        }
    }

    /// The whole database into `file` with pg_dump (custom format), also next to a running service.
    func backup(to file: String, logger: Logger) async throws {
        let target = try target()
        try await target.withDatabase(logger: logger, attachToRunning: true) { _ in
            do { try await DatabaseBackup.dump(target.backupConnection, to: file) } catch let failure as DatabaseBackup.Failure {
                throw CommandFailure(message: failure.description)
            }
        }
    }

    /// Restores `file` in one transaction, migrates, and checks the audit chain.
    func restore(from file: String, replace: Bool, logger: Logger) async throws -> AuditVerification {
        let target = try target()
        return try await target.withDatabase(logger: logger) { database in
            do { try await DatabaseBackup.restore(target.backupConnection, from: file, database: database, replace: replace) } catch let failure
                as DatabaseBackup.Failure
            {
                throw CommandFailure(message: failure.description)
            }
            try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
            return try await KonkursServices(database: database).audit.verify()
        }
    }
}

/// A failure as the person should read it: PostgresNIO wraps errors thrown inside a transaction.
func unwrappedFailure(_ error: any Error) -> any Error {
    error.unwrappingTransactionError
}
