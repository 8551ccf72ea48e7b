import KonkursService
import KonkursStore

/// A test's fresh migrated database and the use cases on it, with a cheap password hash (bcrypt
/// cost 4) so that tests creating many accounts stay fast. Every test gets its own database.
public func withServices<Result: Sendable>(_ body: (KonkursServices, Database) async throws -> Result) async throws -> Result {
    let database = try await TestCluster.shared.migratedDatabase()
    return try await database.withDatabase { database in
        try await body(KonkursServices(database: database, hasher: PasswordHasher(cost: 4)), database)
    }
}
