import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// Accounts: `/api/v1/users…` (creation with an invitation, disabling, resets).
struct UserAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/users", use: listUsers)
        routes.on("/api/v1/users", method: .post, use: createUser)
        routes.get("/api/v1/users/{id}", use: getUser)
        routes.on("/api/v1/users/{id}/disable", method: .post, use: disableUser)
        routes.on("/api/v1/users/{id}/reset-password", method: .post, use: resetUserPassword)
    }

    struct UserBody: Decodable {
        let login: String
        let full_name: String
        let email: String?
        let organisation_id: Int64?
        let roles: [String]
    }

    struct UserResponse: ResponseEncodable {
        let id: Int64
        let login: String
        let full_name: String
        let email: String?
        let organisation_id: Int64?
        let roles: [String]
        let active: Bool
        let has_password: Bool

        init(_ account: UserAccount) {
            id = account.id
            login = account.login
            full_name = account.fullName
            email = account.email
            organisation_id = account.organisationID
            roles = account.roles.sorted().map(\.rawValue)
            active = account.active
            has_password = account.hasPassword
        }
    }

    struct CreatedUserResponse: ResponseEncodable {
        let user: UserResponse
        /// The one-time link the new user opens to set a password; shown only here.
        let invitation_path: String
        let invitation_url: String
    }

    /// A new one-time link after a reset (every session and token of the account has ended).
    struct InvitationResponse: ResponseEncodable {
        let invitation_path: String
        let invitation_url: String
    }

    /// Accounts (a coordinator sees only their organisation's).
    @Sendable func listUsers(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.users.list(context.origin).map(UserResponse.init)
    }

    /// Create an account; the answer carries its one-time invitation path.
    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(UserBody.self, context: context)
        let (account, invitation) = try await services.users.add(
            context.origin, login: body.login, fullName: body.full_name, email: body.email, organisationID: body.organisation_id,
            roles: body.roles)
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/users/\(account.id)"],
            response: CreatedUserResponse(
                user: UserResponse(account), invitation_path: "/invite/\(invitation)", invitation_url: services.links.invitation(invitation)))
    }

    /// One account (404 also when it is hidden from the caller).
    @Sendable func getUser(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        UserResponse(try await services.users.get(context.origin, id: try context.parameters.id("id")))
    }

    /// Disable an account and end its sessions and tokens (department administrator).
    @Sendable func disableUser(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        UserResponse(try await services.users.setActive(context.origin, id: try context.parameters.id("id"), active: false))
    }

    /// Clear an account's password; ends its sessions, API tokens and earlier links, and returns a new one-time link.
    @Sendable func resetUserPassword(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let invitation = try await services.users.resetPassword(context.origin, id: try context.parameters.id("id"))
        return InvitationResponse(invitation_path: "/invite/\(invitation)", invitation_url: services.links.invitation(invitation))
    }
}
