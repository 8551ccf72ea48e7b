import KonkursStore

/// Liveness and readiness of the service, as load balancers and operators see it.
public struct SystemStatus: Sendable {
    public enum Readiness: String, Sendable {
        case ready
        case databaseUnavailable
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Ready when PostgreSQL answers within `timeout`. The pool reconnects by itself, so this turns
    /// back to `.ready` as soon as the database returns.
    public func readiness(timeout: Duration = .seconds(2)) async -> Readiness {
        await database.ping(timeout: timeout) ? .ready : .databaseUnavailable
    }
}
