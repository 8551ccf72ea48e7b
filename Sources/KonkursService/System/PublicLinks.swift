import KonkursCore
import KonkursStore
import Synchronization

/// The links Konkurs prints and sends, all from one public address. `serve` announces the address
/// it is reached at and records it in the database, so an admin command on the same database
/// (`konkurs user add`) prints links to that service, not to a default.
public final class PublicLinks: Sendable {
    private let database: Database
    private let address = Mutex(PublicAddress.listening(host: "127.0.0.1", port: 8080))

    init(database: Database) {
        self.database = database
    }

    public var current: PublicAddress { address.withLock { $0 } }

    public func invitation(_ token: String) -> String { current.invitation(token) }

    /// The service's own address (given, or where it listens), recorded for the admin commands.
    public func announce(_ announced: PublicAddress) async throws {
        address.withLock { $0 = announced }
        let logger = database.logger
        try await database.read { try await SettingsQueries.setPublicURL($0, announced.base, logger: logger) }
    }

    /// An admin command's address: the one it was given, else the one the service recorded.
    public func adopt(configured: PublicAddress?) async throws {
        let logger = database.logger
        let recorded = try await database.read { try await SettingsQueries.publicURL($0, logger: logger) }.flatMap(PublicAddress.init)
        if let chosen = configured ?? recorded { address.withLock { $0 = chosen } }
    }
}
