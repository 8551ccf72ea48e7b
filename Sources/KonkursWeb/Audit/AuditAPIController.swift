import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// The audit log: `/api/v1/audit`.
struct AuditAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/audit", use: listAuditEntries)
    }

    struct AuditResponse: ResponseEncodable {
        let id: Int64
        let occurred_at: Date
        let actor: String
        let action: String
        let target: String
        let details: String
        let request_id: String?
        let sealed: Bool
    }

    /// The latest audit entries, newest first.
    @Sendable func listAuditEntries(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.audit.recent(context.origin).map {
            AuditResponse(
                id: $0.id, occurred_at: $0.occurredAt, actor: $0.actorLogin, action: $0.action, target: $0.target, details: $0.details,
                request_id: $0.requestID, sealed: $0.sealed)
        }
    }
}
