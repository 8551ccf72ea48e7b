import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// What a signed-in person does with their own account: password and API tokens.
public struct AccountService: Sendable {
    let database: Database
    let hasher: PasswordHasher
    var logger: Logger { database.logger }

    public init(database: Database, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// Changes the password after checking the current one; ends every other session and API token
    /// of the account, keeping only the sign-in that made the change.
    public func changePassword(_ origin: RequestOrigin, current: String, new: String) async throws {
        let actor = try origin.authorize(.manageOwnAccount, origin.ownAccount)
        try PasswordRules.check(new)
        let logger = logger
        let stored = try await database.read { try await UserQueries.credentials($0, login: actor.login, logger: logger) }
        guard let hash = stored?.1, try await hasher.verify(current, hash: hash) else {
            throw InvalidInput([.init(field: "current", message: "Текущий пароль указан неверно")])
        }
        let newHash = try await hasher.hash(new)
        try await database.transaction { connection in
            try await UserQueries.setPasswordHash(connection, id: actor.userID, hash: newHash, logger: logger)
            try await Self.endSignIns(connection, userID: actor.userID, keeping: origin.credential, logger: logger)
            try await AuditTrail(database: database).record(
                connection, origin: origin, action: "user.change_password", target: "user:\(actor.userID)")
        }
    }

    /// Ends every browser session and API token of an account but `keeping`.
    static func endSignIns(_ connection: PostgresConnection, userID: Int64, keeping: Credential?, logger: Logger) async throws {
        var session: String?
        var token: String?
        switch keeping {
        case .session(let secret): session = Secrets.digest(secret)
        case .apiToken(let secret): token = Secrets.digest(secret)
        case nil: break
        }
        try await SessionQueries.deleteSessions(connection, userID: userID, keeping: session, logger: logger)
        try await SessionQueries.revokeTokens(connection, userID: userID, keeping: token, logger: logger)
    }

    public func tokens(_ origin: RequestOrigin) async throws -> [APIToken] {
        let actor = try origin.authorize(.viewOwnAccount, origin.ownAccount)
        let logger = logger
        return try await database.read { try await SessionQueries.tokens($0, userID: actor.userID, logger: logger) }
    }

    /// A new named token for the API: returned once, stored only as its hash.
    public func createToken(_ origin: RequestOrigin, name: String, days: Int) async throws -> (token: String, id: Int64, expiresAt: Date) {
        let actor = try origin.authorize(.manageOwnAccount, origin.ownAccount)
        var checks = FieldChecks()
        let title = checks.text(name, "name", limit: 100, title: "Название токена")
        checks.require((1...365).contains(days), "days", "Срок действия: от 1 до 365 дней")
        try checks.check()
        let token = Secrets.token()
        let expires = Date().addingTimeInterval(TimeInterval(days) * 86400)
        let logger = logger
        let id = try await database.transaction { connection in
            let id = try await SessionQueries.createToken(
                connection, userID: actor.userID, name: title, tokenHash: Secrets.digest(token), expiresAt: expires, logger: logger)
            try await AuditTrail(database: database).record(
                connection, origin: origin, action: "token.create", target: "token:\(id)", details: ["name": title])
            return id
        }
        return (token, id, expires)
    }

    public func revokeToken(_ origin: RequestOrigin, id: Int64) async throws {
        let actor = try origin.authorize(.manageOwnAccount, origin.ownAccount)
        let logger = logger
        try await database.transaction { connection in
            guard try await SessionQueries.revokeToken(connection, id: id, userID: actor.userID, logger: logger) else { throw ServiceError.notFound }
            try await AuditTrail(database: database).record(connection, origin: origin, action: "token.revoke", target: "token:\(id)")
        }
    }
}
