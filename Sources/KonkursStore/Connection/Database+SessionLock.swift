import Logging
import PostgresNIO

extension Database {
    /// Runs `body` holding a PostgreSQL session advisory lock on `key`: of several processes on one
    /// database (instances starting together), one at a time runs it. The lock lives on one pooled
    /// connection, released when `body` ends or throws (and by PostgreSQL if the process dies).
    public func withSessionLock<Result: Sendable>(_ key: Int64, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let logger = logger
        return try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                throw error
            }
        }
    }
}
