import Hummingbird

/// Puts the real client's address in the context before anything logs or rate-limits by it: behind
/// nginx every request would otherwise come from the proxy, and thirty wrong passwords from anyone
/// would lock everyone out of signing in.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.address.map(trusted.contains) == true else { return try await next(request, context) }
        var context = context
        context.address = trusted.client(
            peer: context.address, forwardedFor: request.headers[values: .init("X-Forwarded-For")!].joined(separator: ","))
        return try await next(request, context)
    }
}
