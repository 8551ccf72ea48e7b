import Hummingbird
import KonkursCore

/// The request context of every Konkurs route: who is signed in (set by `AuthenticationMiddleware`
/// from the session cookie or bearer token, never from the request body) and the client's address.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var actor: Actor?
    /// The browser session's token and CSRF token, when signed in through a cookie.
    public var sessionToken: String?
    public var csrfToken: String?
    /// The bearer token, when signed in through the API.
    public var bearerToken: String?
    /// The client's address: the peer's, or the one trusted proxies report (`ClientAddressMiddleware`).
    public var address: String?

    /// Large enough for a regulation of the documented maximum size, however its text is escaped.
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    public init(source: Source) {
        self.coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress
    }
}
