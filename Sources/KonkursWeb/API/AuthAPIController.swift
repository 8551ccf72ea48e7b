import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`.
struct AuthAPIController {
    let services: KonkursServices

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
    }

    func addRoutes(to routes: Routes) {
        routes.on("/api/v1/auth/login", method: .post) { request, context -> TokenResponse in
            let body = try await request.decode(as: LoginRequest.self, context: context)
            guard body.login.count <= 64, body.password.count <= PasswordRules.maximumLength else { throw ServiceError.invalidCredentials }
            let token = try await services.auth.apiLogin(login: body.login, password: body.password, address: context.address)
            return TokenResponse(token: token.token, expires_at: token.expiresAt)
        }
        routes.on("/api/v1/auth/logout", method: .post) { _, context -> HTTPResponse.Status in
            guard let token = context.bearerToken else { throw ServiceError.unauthenticated }
            try await services.auth.logout(bearerToken: token)
            return .noContent
        }
        routes.get("/api/v1/me") { _, context -> MeResponse in
            let origin = context.origin
            let actor = try origin.authorize(.viewOwnAccount, .account(userID: context.actor?.userID ?? -1))
            let account = try await services.users.get(origin, id: actor.userID)
            return MeResponse(
                id: account.id, login: account.login, full_name: account.fullName, roles: account.roles.sorted().map(\.rawValue),
                organisation_id: account.organisationID)
        }
    }
}

extension AppRequestContext {
    /// The use cases' view of this request.
    var origin: RequestOrigin { RequestOrigin(actor: actor, requestID: id, address: address) }
}
