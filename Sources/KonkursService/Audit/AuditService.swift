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
        return try await Database.withinLimit {
            try await AuditQueries.recent(database.client, since: since, actor: actor, limit: limit, logger: database.logger)
        }
    }

    /// Seals what is committed, then checks the whole chain.
    public func verify() async throws -> AuditVerification {
        try await sealAll()
        let database = database
        return try await Database.withinLimit { try await AuditQueries.verify(database.client, logger: database.logger) }
    }

    public func sealAll() async throws {
        let database = database
        while try await Database.withinLimit(Database.workLimit, { try await AuditQueries.seal(database.client, logger: database.logger) }) > 0 {}
    }
}
