import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Writes audit entries for use cases, in their transaction.
struct AuditTrail {
    let database: Database

    func record(
        _ connection: PostgresConnection, origin: RequestOrigin, action: String, target: String, details: [String: String] = [:]
    ) async throws {
        let entry = AuditEntry(
            actorID: origin.actor?.userID, actorLogin: origin.actor?.login ?? "система", action: action, target: target,
            details: Self.json(details), requestID: origin.requestID)
        try await AuditQueries.append(connection, entry, logger: database.logger)
    }

    static func json(_ details: [String: String]) -> String { JSONValue.compact(details) }
}
