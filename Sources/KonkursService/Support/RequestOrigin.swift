import KonkursCore

/// How a request signed in: a browser session or an API token, by its secret.
public enum Credential: Sendable, Equatable {
    case session(String)
    case apiToken(String)
}

/// Who is asking, from the session or token, with the request id for the audit log.
public struct RequestOrigin: Sendable {
    public let actor: Actor?
    public let requestID: String?
    public let address: String?
    /// The sign-in the request came with (a password change keeps only this one).
    public let credential: Credential?

    public init(actor: Actor?, requestID: String? = nil, address: String? = nil, credential: Credential? = nil) {
        self.actor = actor
        self.requestID = requestID
        self.address = address
        self.credential = credential
    }

    /// The caller's own account, as the policy sees it (nobody's when not signed in: refused anyway).
    public var ownAccount: Resource { .account(userID: actor?.userID ?? 0) }

    /// The policy's verdict as an error; the signed-in actor when allowed.
    public func authorize(_ action: Action, _ resource: Resource) throws(ServiceError) -> Actor {
        try permit(action, resource)
        guard let actor else { throw .unauthenticated }
        return actor
    }

    /// Whether the policy allows it (for narrowing what a page offers; writes still `authorize`).
    public func allows(_ action: Action, _ resource: Resource) -> Bool { AccessPolicy.decide(actor, action, resource) == .allow }

    /// The policy's verdict as an error, for actions anyone may take (reading public contests).

    public func permit(_ action: Action, _ resource: Resource) throws(ServiceError) {
        try Self.enforce(AccessPolicy.decide(actor, action, resource))
    }

    /// A decision of the policy as an error (for rules made of several actions).
    public static func enforce(_ decision: Decision) throws(ServiceError) {
        switch decision {
        case .allow: return
        case .unauthenticated: throw .unauthenticated
        case .forbidden: throw .forbidden
        case .notFound: throw .notFound
        }
    }
}
