import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// Accounts in the browser: the list, creating with an invitation link, disabling, resetting a password.
struct UserPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/users", use: usersPage)
        routes.on("/admin/users", method: .post, use: createUser)
        routes.on("/admin/users/{id}/disable", method: .post, use: disableUser)
        routes.on("/admin/users/{id}/reset-password", method: .post, use: resetPassword)
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

    /// The accounts.
    @Sendable func usersPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await users(context, invitation: nil, error: nil)
    }

    /// Creates an account and shows its invitation link.
    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            let (_, invitation) = try await services.users.add(
                context.origin, login: form["login"], fullName: form["full_name"], email: form["email"],
                organisationID: Int64(form["organisation_id"]), roles: form.all("roles"))
            return try await users(context, invitation: services.links.invitation(invitation), error: nil)
        } catch let error as InvalidInput {
            return try await users(
                context, invitation: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        } catch ServiceError.conflict(let message) {
            return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
        }
    }

    /// Disables an account and ends its sign-ins.
    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        do {
            _ = try await services.users.setActive(context.origin, id: try context.parameters.id("id"), active: false)
            return try await users(context, invitation: nil, error: nil)
        } catch ServiceError.conflict(let message) {
            return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
        }
    }

    /// Clears a password and shows a new invitation link.
    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        do {
            let invitation = try await services.users.resetPassword(context.origin, id: try context.parameters.id("id"))
            return try await users(context, invitation: services.links.invitation(invitation), error: nil)
        } catch ServiceError.conflict(let message) {
            return try await users(context, invitation: nil, error: message.capitalizedFirst + ".", status: .conflict)
        }
    }

    private func users(_ context: AppRequestContext, invitation: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let list = try await services.users.list(context.origin).map {
            UsersPage.Row(
                id: $0.id, login: $0.login, fullName: $0.fullName, roles: $0.roles.sorted().map(\.title).joined(separator: ", "),
                state: !$0.active ? "отключён" : $0.hasPassword ? "активен" : "ожидает установки пароля", active: $0.active)
        }
        let canManage = AccessPolicy.decide(context.actor, .manageUsers, .registry) == .allow
        return try pages.render(
            "users", UsersPage(session: PageSession(context), users: list, canManage: canManage, invitation: invitation, error: error), status: status
        )
    }
}
