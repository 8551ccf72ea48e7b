import KonkursStore
import PostgresNIO

extension Database {
    /// Runs `body` in one transaction; what it throws arrives as thrown (not wrapped by PostgresNIO),
    /// so the doors can map domain errors.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { try await body($0) }
        } catch {
            throw error.unwrappingTransactionError
        }
    }
}
