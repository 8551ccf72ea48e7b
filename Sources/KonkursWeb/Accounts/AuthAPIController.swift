import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`.
struct AuthAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.on("/api/v1/me/password", method: .post, requires: .toOwnAccount(.manageOwnAccount), use: changePassword)
        routes.get("/api/v1/me/tokens", use: listMyTokens)
        routes.on("/api/v1/me/tokens", method: .post, requires: .toOwnAccount(.manageOwnAccount), use: createMyToken)
        routes.on("/api/v1/me/tokens/{id}", method: .delete, use: revokeMyToken)
        routes.on("/api/v1/auth/login", method: .post, use: login)
        routes.on("/api/v1/auth/invitation", method: .post, use: acceptInvitation)
        routes.on("/api/v1/auth/logout", method: .post, use: logout)
        routes.get("/api/v1/me", use: getMe)
    }

    struct LoginRequest: Decodable {
        let login: String
        let password: String
    }

    struct TokenResponse: ResponseEncodable {
        let token: String
        let expires_at: Date
    }

    struct MeResponse: ResponseEncodable {
        let id: Int64
        let login: String
        let full_name: String
        let roles: [String]
        let organisation_id: Int64?

        init(_ account: UserAccount) {
            id = account.id
            login = account.login
            full_name = account.fullName
            roles = account.roles.sorted().map(\.rawValue)
            organisation_id = account.organisationID
        }
    }

    struct InvitationRequest: Decodable {
        let token: String
        let password: String
    }

    struct PasswordRequest: Decodable {
        let current: String
        let new: String
    }

    struct NewTokenRequest: Decodable {
        let name: String
        let days: Int
    }

    struct NewTokenResponse: ResponseEncodable {
        let id: Int64
        let token: String
        let expires_at: Date
    }

    struct TokenInfoResponse: ResponseEncodable {
        let id: Int64
        let name: String
        let created_at: Date
        let expires_at: Date
        let revoked: Bool
    }

    /// Change one's own password; ends every other session and API token, keeping only the sign-in making the change.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeJSON(PasswordRequest.self, context: context)
        try await services.account.changePassword(context.origin, current: body.current, new: body.new)
        return .noContent
    }

    /// One's own API tokens (without their secrets).
    @Sendable func listMyTokens(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.account.tokens(context.origin).map {
            TokenInfoResponse(id: $0.id, name: $0.name, created_at: $0.createdAt, expires_at: $0.expiresAt, revoked: $0.revoked)
        }
    }

    /// Create a named API token; its secret is returned only here.
    @Sendable func createMyToken(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(NewTokenRequest.self, context: context)
        let created = try await services.account.createToken(context.origin, name: body.name, days: body.days)
        return EditedResponse(status: .created, response: NewTokenResponse(id: created.id, token: created.token, expires_at: created.expiresAt))
    }

    /// Revoke one of one's own tokens.
    @Sendable func revokeMyToken(_ _: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        try await services.account.revokeToken(context.origin, id: try context.parameters.id("id"))
        return .noContent
    }

    /// Sign in; returns a bearer token for the API.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        let body = try await request.decodeJSON(LoginRequest.self, context: context)
        guard body.login.count <= 64, body.password.count <= PasswordRules.maximumLength else { throw ServiceError.invalidCredentials }
        let token = try await services.auth.apiLogin(login: body.login, password: body.password, address: context.address)
        return TokenResponse(token: token.token, expires_at: token.expiresAt)
    }

    /// Set the first password through a one-time invitation link's token (also after a reset).
    @Sendable func acceptInvitation(_ request: Request, context: AppRequestContext) async throws -> MeResponse {
        let body = try await request.decodeJSON(InvitationRequest.self, context: context)
        return MeResponse(try await services.users.acceptInvitation(token: body.token, password: body.password, origin: context.origin))
    }

    /// Revoke the bearer token used for this request.
    @Sendable func logout(_ _: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        guard let token = context.bearerToken else { throw ServiceError.unauthenticated }
        try await services.auth.logout(bearerToken: token)
        return .noContent
    }

    /// The signed-in account.
    @Sendable func getMe(_ _: Request, context: AppRequestContext) async throws -> MeResponse {
        let origin = context.origin
        let actor = try origin.authorize(.viewOwnAccount, context.origin.ownAccount)
        return MeResponse(try await services.users.get(origin, id: actor.userID))
    }
}

extension AppRequestContext {
    /// The use cases' view of this request.
    var origin: RequestOrigin { RequestOrigin(actor: actor, requestID: id, address: address, credential: credential) }

    var credential: Credential? {
        if let sessionToken { return .session(sessionToken) }
        return bearerToken.map(Credential.apiToken)
    }
}
