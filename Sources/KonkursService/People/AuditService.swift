import Foundation
import KonkursCore
import KonkursStore
import Logging
import ServiceLifecycle

/// Reading and verifying the audit log, and sealing new entries into the chain.
public struct AuditService: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func recent(_ origin: RequestOrigin, since: Date? = nil, actor: String? = nil, limit: Int = 200) async throws -> [AuditRecord] {
        _ = try origin.authorize(.viewAudit, .registry)
        let database = database
        return try await withDeadline(Database.workLimit) {
            try await AuditQueries.recent(database.client, since: since, actor: actor, limit: limit, logger: database.logger)
        }
    }

    /// Seals what is committed, then checks the whole chain.
    public func verify() async throws -> AuditQueries.Verification {
        try await sealAll()
        let database = database
        return try await withDeadline(Database.workLimit) { try await AuditQueries.verify(database.client, logger: database.logger) }
    }

    public func sealAll() async throws {
        let database = database
        while try await withDeadline(Database.workLimit, { try await AuditQueries.seal(database.client, logger: database.logger) }) > 0 {}
    }
}

/// Seals committed audit entries shortly after they commit, once a second, until shutdown.
public struct AuditSealer: Service {
    let audit: AuditService
    let interval: Duration

    public init(audit: AuditService, interval: Duration = .seconds(1)) {
        self.audit = audit
        self.interval = interval
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await sealLogged()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
        // What committed before shutdown is sealed now (outside the cancelled task), not at the next start.
        await Task.detached { [self] in await sealLogged() }.value
    }

    private func sealLogged() async {
        do {
            try await audit.sealAll()
        } catch {
            if Task.isCancelled || error is CancellationError { return }
            audit.database.logger.warning("Не удалось запечатать записи журнала аудита", metadata: ["error": "\(error)"])
        }
    }
}
