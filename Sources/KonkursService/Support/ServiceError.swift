import KonkursCore

/// Why a use case refused; the web door turns each into its HTTP status, the CLI into a message.
public enum ServiceError: ActionableError, Equatable {
    case unauthenticated
    case forbidden
    /// Missing, or hidden from this actor: the two look the same.
    case notFound
    case conflict(String)
    case invalidCredentials
    case tooManyAttempts(retryAfterSeconds: Int)
    case invitationInvalid

    public var message: String {
        switch self {
        case .unauthenticated: "нужно войти в систему"
        case .forbidden: "недостаточно прав для этого действия"
        case .notFound: "запись не найдена"
        case .conflict(let message): message
        case .invalidCredentials: "неверный логин или пароль"
        case .tooManyAttempts(let seconds): "слишком много неудачных попыток входа; повторите через \(max(1, seconds / 60)) мин."
        case .invitationInvalid: "ссылка-приглашение недействительна: она уже использована или её срок истёк"
        }
    }
}

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

    /// The policy's verdict as an error; the signed-in actor when allowed.
    public func authorize(_ action: Action, _ resource: Resource) throws(ServiceError) -> Actor {
        try permit(action, resource)
        guard let actor else { throw .unauthenticated }
        return actor
    }

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
