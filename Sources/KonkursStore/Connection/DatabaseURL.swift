import Foundation
import NIOSSL
import PostgresNIO

/// A parsed `DATABASE_URL`: `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
public struct DatabaseURL: Sendable, Equatable {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String
    public let tls: TLSMode

    public init(_ text: String) throws(DatabaseError) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)) else {
            throw .malformedURL(reason: "это не адрес URL")
        }
        guard let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .malformedURL(reason: "схема должна быть postgres:// или postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw .malformedURL(reason: "не указан хост") }
        guard let username = components.user, !username.isEmpty else { throw .malformedURL(reason: "не указан пользователь") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .malformedURL(reason: "не указано имя базы данных") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .malformedURL(reason: "порт \(port) вне диапазона 1–65535") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? TLSMode.prefer.rawValue
        guard let tls = TLSMode(rawValue: mode) else {
            throw .malformedURL(reason: "sslmode=\(mode) не поддерживается (disable, prefer или require)")
        }
        self.host = host
        self.port = port
        self.username = username.removingPercentEncoding ?? username
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The address without the password, for logs and error messages.
    public var redacted: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    public var clientConfiguration: PostgresClient.Configuration {
        let tlsSetting: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tlsSetting)
    }
}
