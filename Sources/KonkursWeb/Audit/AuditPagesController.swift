import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The audit log in the browser.
struct AuditPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/audit", use: auditPage)
    }

    struct AuditPage {
        let title = "Журнал аудита"
        let session: PageSession?
        let entries: [Row]
        let version = Konkurs.version

        struct Row {
            let time: String
            let actor: String
            let action: String
            let target: String
            let details: String
        }
    }

    /// The audit log.
    @Sendable func auditPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let formatter = ISO8601DateFormatter()
        let entries = try await services.audit.recent(context.origin, limit: 300).map {
            AuditPage.Row(
                time: formatter.string(from: $0.occurredAt), actor: $0.actorLogin, action: $0.action, target: $0.target, details: $0.details)
        }
        return try pages.render("audit", AuditPage(session: PageSession(context), entries: entries))
    }
}
