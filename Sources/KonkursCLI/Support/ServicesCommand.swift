import KonkursService
import Logging

/// Opens the database (migrated) and hands the use cases to an admin command; links it prints
/// start with `link`'s address, else with the one the service on this database recorded.
func withServices<Result: Sendable>(
    _ database: DatabaseOptions, _ logging: LoggingOptions, link: PublicURLOption? = nil, _ body: @escaping (KonkursServices) async throws -> Result
) async throws -> Result {
    let logger = try logging.makeLogger(defaultLevel: "warning")
    let configured = try link?.address()
    return try await database.withServices(logger: logger, attachToRunning: true) { services, _ in
        if link != nil { try await services.links.adopt(configured: configured) }
        return try await body(services)
    }
}
