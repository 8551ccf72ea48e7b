import Logging
import PostgresNIO

/// The running connection pool every store query goes through.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// Where it points, without secrets, for messages.
    public let description: String

    public init(client: PostgresClient, logger: Logger, description: String) {
        self.client = client
        self.logger = logger
        self.description = description
    }

    /// True when PostgreSQL answers a trivial query within `timeout`.
    public func ping(timeout: Duration = .seconds(2)) async -> Bool {
        let client = client
        let logger = logger
        do {
            return try await withDeadline(timeout) {
                let rows = try await client.query("SELECT 1", logger: logger)
                for try await value in rows.decode(Int.self) { return value == 1 }
                return false
            }
        } catch {
            return false
        }
    }
}
