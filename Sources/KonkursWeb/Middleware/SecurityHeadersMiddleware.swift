import HTTPTypes
import Hummingbird

/// The security headers of `Docs/security.md`, on every response: no inline script, no framing,
/// no MIME sniffing, no referrer leaks to other sites; and `no-store` unless the response chose its
/// own caching (only the static files do), since pages and API answers carry personal data, tokens
/// or the signed-in person's menu.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // A response may tighten the policy (downloads add `sandbox`), never loosen it.
        let own = response.headers[.contentSecurityPolicy]
        for (name, value) in securityHeaders {
            response.headers[name] = value
        }
        if let own { response.headers[.contentSecurityPolicy] = "\(response.headers[.contentSecurityPolicy] ?? ""); \(own)" }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

private let securityHeaders: [(HTTPField.Name, String)] = [
    (
        HTTPField.Name("Content-Security-Policy")!,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    (HTTPField.Name("X-Frame-Options")!, "DENY"),
]
