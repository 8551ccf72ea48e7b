import Foundation
import HTTPTypes
import Hummingbird
import KonkursService

/// Finds who is signed in: the session cookie (pages) or the bearer token (API).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "konkurs_session"
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let bearer = request.headers[.authorization], bearer.lowercased().hasPrefix("bearer ") {
            let token = String(bearer.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            context.actor = try await auth.bearer(token: token)
            context.bearerToken = context.actor == nil ? nil : token
        } else if let token = request.cookies[Self.cookieName]?.value, let session = try await auth.session(token: token) {
            // A page's script may call the API with the session cookie, but a change needs the
            // session's CSRF token in a header: another site cannot read it, so cannot forge it.
            if request.uri.path.hasPrefix("/api/"), ![.get, .head].contains(request.method),
                request.headers[HTTPField.Name("X-CSRF-Token")!] != session.csrfToken
            {
                return try await next(request, context)
            }
            context.actor = session.actor
            context.sessionToken = token
            context.csrfToken = session.csrfToken
        }
        return try await next(request, context)
    }
}
