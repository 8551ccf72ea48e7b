import KonkursService
import KonkursStore
import Logging

/// Opens the database (migrated) and hands the use cases to an admin command.
func withServices<Result: Sendable>(
    _ database: DatabaseOptions, _ logging: LoggingOptions, _ body: @escaping (KonkursServices) async throws -> Result
) async throws -> Result {
    let logger = try logging.makeLogger(defaultLevel: "warning")
    return try await database.target().withDatabase(logger: logger, attachToRunning: true) { database in
        try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
        return try await body(KonkursServices(database: database))
    }
}
