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
    /// The database did not answer within the use case's limit; worth retrying shortly.
    case databaseUnavailable

    public var message: String {
        switch self {
        case .unauthenticated: "нужно войти в систему"
        case .forbidden: "недостаточно прав для этого действия"
        case .notFound: "запись не найдена"
        case .conflict(let message): message
        case .invalidCredentials: "неверный логин или пароль"
        case .tooManyAttempts(let seconds): "слишком много неудачных попыток входа; повторите через \(max(1, seconds / 60)) мин."
        case .invitationInvalid: "ссылка-приглашение недействительна: она уже использована или её срок истёк"
        case .databaseUnavailable: "база данных не ответила вовремя; повторите через несколько секунд"
        }
    }
}
