import KonkursCore

/// Why Konkurs could not reach or prepare its database.
public enum DatabaseError: ActionableError, Equatable {
    case malformedURL(reason: String)
    case unreachable(target: String, reason: String)

    public var message: String {
        switch self {
        case .malformedURL(let reason):
            "DATABASE_URL не распознан: \(reason). Ожидается postgres://пользователь:пароль@хост:5432/база"
        case .unreachable(let target, let reason):
            "не удаётся подключиться к PostgreSQL (\(target)): \(reason). Проверьте, что сервер запущен и адрес верен"
        }
    }
}
