import KonkursCore

/// Why the HTTP server could not start.
enum ServeError: ActionableError {
    case portInUse(host: String, port: Int)
    case portForbidden(host: String, port: Int)

    var message: String {
        switch self {
        case .portInUse(let host, let port):
            "порт \(port) на \(host) уже занят. Остановите другую программу или выберите порт: --port или KONKURS_PORT"
        case .portForbidden(let host, let port):
            "нет прав слушать порт \(port) на \(host). Выберите порт выше 1024: --port или KONKURS_PORT"
        }
    }
}
