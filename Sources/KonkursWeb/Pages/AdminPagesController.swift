import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The department's pages: organisations, users, audit.
struct AdminPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    struct OrganisationsPage {
        let title = "Организации"
        let session: PageSession?
        let organisations: [Row]
        let canManage: Bool
        let kinds = Organisation.Kind.allCases.map { Kind(code: $0.rawValue, title: $0.title) }
        let notice: String?
        let error: String?
        let version = Konkurs.version

        struct Row {
            let id: Int64
            let fullName: String
            let shortName: String
            let kind: String
            let kindCode: String
            let district: String
            let active: Bool
        }

        struct Kind {
            let code: String
            let title: String
        }
    }

    struct UsersPage {
        let title = "Пользователи"
        let session: PageSession?
        let users: [Row]
        let canManage: Bool
        let roles = Role.allCases.map { RoleOption(code: $0.rawValue, title: $0.title) }
        let invitation: String?
        let error: String?
        let version = Konkurs.version

        struct Row {
            let id: Int64
            let login: String
            let fullName: String
            let roles: String
            let state: String
            let active: Bool
        }

        struct RoleOption {
            let code: String
            let title: String
        }
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

    func addRoutes(to routes: Routes) {
        routes.get("/admin/organisations") { _, context in try await organisations(context, notice: nil, error: nil) }
        routes.on("/admin/organisations", method: .post) { request, context in
            let form = try await FormFields(request)
            try requireCSRF(form, context)
            do {
                let created = try await services.organisations.create(
                    context.origin, fullName: form["full_name"], shortName: form["short_name"], kind: form["kind"], district: nil)
                return try await organisations(context, notice: "Организация «\(created.shortName)» добавлена.", error: nil)
            } catch let error as InvalidInput {
                return try await organisations(context, notice: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
            } catch ServiceError.conflict(let message) {
                return try await organisations(context, notice: nil, error: message.capitalizedFirst + ".", status: .conflict)
            }
        }
        routes.get("/admin/users") { _, context in try await users(context, invitation: nil, error: nil) }
        routes.on("/admin/users", method: .post) { request, context in
            let form = try await FormFields(request)
            try requireCSRF(form, context)
            do {
                let (_, invitation) = try await services.users.add(
                    context.origin, login: form["login"], fullName: form["full_name"], email: form["email"],
                    organisationID: Int64(form["organisation_id"]), roles: form.all("roles"))
                return try await users(context, invitation: services.links.invitation(invitation), error: nil)
            } catch let error as InvalidInput {
                return try await users(context, invitation: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
            } catch ServiceError.conflict(let message) {
                return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
            }
        }
        routes.on("/admin/users/{id}/disable", method: .post) { request, context in
            try requireCSRF(try await FormFields(request), context)
            do {
                _ = try await services.users.setActive(context.origin, id: try context.parameters.id("id"), active: false)
                return try await users(context, invitation: nil, error: nil)
            } catch ServiceError.conflict(let message) {
                return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
            }
        }
        routes.on("/admin/users/{id}/reset-password", method: .post) { request, context in
            try requireCSRF(try await FormFields(request), context)
            do {
                let invitation = try await services.users.resetPassword(context.origin, id: try context.parameters.id("id"))
                return try await users(context, invitation: services.links.invitation(invitation), error: nil)
            } catch ServiceError.conflict(let message) {
                return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
            }
        }
        routes.on("/admin/organisations/{id}/active", method: .post) { request, context in
            let form = try await FormFields(request)
            try requireCSRF(form, context)
            let changed = try await services.organisations.setActive(
                context.origin, id: try context.parameters.id("id"), active: form["active"] == "true")
            return try await organisations(
                context, notice: "«\(changed.shortName)»: \(changed.active ? "снова действует" : "отмечена как не действующая").", error: nil)
        }
        routes.on("/admin/organisations/{id}", method: .post) { request, context in
            let form = try await FormFields(request)
            try requireCSRF(form, context)
            do {
                let changed = try await services.organisations.update(
                    context.origin, id: try context.parameters.id("id"), fullName: form["full_name"],
                    shortName: form["short_name"], kind: form["kind"], district: form["district"].isEmpty ? nil : form["district"])
                return try await organisations(context, notice: "Организация «\(changed.shortName)» сохранена.", error: nil)
            } catch let error as InvalidInput {
                return try await organisations(context, notice: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
            } catch ServiceError.conflict(let message) {
                return try await organisations(context, notice: nil, error: message.capitalizedFirst + ".", status: .conflict)
            }
        }
        routes.get("/admin/audit") { _, context in
            let formatter = ISO8601DateFormatter()
            let entries = try await services.audit.recent(context.origin, limit: 300).map {
                AuditPage.Row(time: formatter.string(from: $0.occurredAt), actor: $0.actorLogin, action: $0.action, target: $0.target, details: $0.details)
            }
            return try pages.render("audit", AuditPage(session: PageSession(context), entries: entries))
        }
    }

    private func organisations(_ context: AppRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let list = try await services.organisations.list(context.origin).map {
            OrganisationsPage.Row(
                id: $0.id, fullName: $0.fullName, shortName: $0.shortName, kind: $0.kind.title, kindCode: $0.kind.rawValue, district: $0.district,
                active: $0.active)
        }
        let canManage = AccessPolicy.decide(context.actor, .manageOrganisations, .registry) == .allow
        return try pages.render(
            "organisations", OrganisationsPage(session: PageSession(context), organisations: list, canManage: canManage, notice: notice, error: error),
            status: status)
    }

    private func users(_ context: AppRequestContext, invitation: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let list = try await services.users.list(context.origin).map {
            UsersPage.Row(
                id: $0.id, login: $0.login, fullName: $0.fullName, roles: $0.roles.sorted().map(\.title).joined(separator: ", "),
                state: !$0.active ? "отключён" : $0.hasPassword ? "активен" : "ожидает установки пароля", active: $0.active)
        }
        let canManage = AccessPolicy.decide(context.actor, .manageUsers, .registry) == .allow
        return try pages.render(
            "users", UsersPage(session: PageSession(context), users: list, canManage: canManage, invitation: invitation, error: error), status: status)
    }
}
