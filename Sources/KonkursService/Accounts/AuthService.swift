import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Signing in and out: browser sessions and API tokens, throttled, without user enumeration.
public struct AuthService: Sendable {
    let database: Database
    let hasher: PasswordHasher
    var logger: Logger { database.logger }

    public struct Limits: Sendable {
        public var idle: TimeInterval = 2 * 3600
        public var absolute: TimeInterval = 12 * 3600
        public var apiToken: TimeInterval = 12 * 3600
        public var failuresPerAccount = 5
        public var failuresPerAddress = 30
        public var failureWindow = 15 * 60

        public init() {}
    }

    public let limits: Limits

    public init(database: Database, hasher: PasswordHasher, limits: Limits = Limits()) {
        self.database = database
        self.hasher = hasher
        self.limits = limits
    }

    /// A signed-in browser session: the cookie value, its CSRF token and when it ends.
    public struct Session: Sendable {
        public let token: String
        public let csrfToken: String
        public let expiresAt: Date
        public let actor: Actor
    }

    public func login(login: String, password: String, address: String?) async throws -> Session {
        let account = try await checkCredentials(login: login, password: password, address: address)
        let token = Secrets.token()
        let csrf = Secrets.token()
        let expires = Date().addingTimeInterval(limits.absolute)
        try await database.transaction { connection in
            try await SessionQueries.createSession(
                connection, tokenHash: Secrets.digest(token), userID: account.id, csrf: csrf, expiresAt: expires, logger: logger)
            try await AuditTrail(database: database).record(
                connection, origin: RequestOrigin(actor: account.actor), action: "auth.login", target: "user:\(account.id)")
        }
        return Session(token: token, csrfToken: csrf, expiresAt: expires, actor: account.actor)
    }

    /// An API bearer token for `POST /api/v1/auth/login`.
    public func apiLogin(login: String, password: String, address: String?) async throws -> (token: String, expiresAt: Date) {
        let account = try await checkCredentials(login: login, password: password, address: address)
        let token = Secrets.token()
        let expires = Date().addingTimeInterval(limits.apiToken)
        try await database.transaction { connection in
            _ = try await SessionQueries.createToken(
                connection, userID: account.id, name: "вход через API", tokenHash: Secrets.digest(token), expiresAt: expires, logger: logger)
            try await AuditTrail(database: database).record(
                connection, origin: RequestOrigin(actor: account.actor), action: "auth.api_login", target: "user:\(account.id)")
        }
        return (token, expires)
    }

    /// The actor and CSRF token of a live session (idle and absolute timeouts applied).
    public func session(token: String) async throws -> (actor: Actor, csrfToken: String)? {
        let logger = logger
        let digest = Secrets.digest(token)
        return try await database.read { connection in
            guard let row = try await SessionQueries.session(connection, tokenHash: digest, logger: logger) else { return nil }
            let now = Date()
            guard row.expiresAt > now, now.timeIntervalSince(row.lastSeenAt) < limits.idle,
                let account = try await UserQueries.find(connection, id: row.userID, logger: logger), account.active
            else {
                try await SessionQueries.deleteSession(connection, tokenHash: digest, logger: logger)
                return nil
            }
            if now.timeIntervalSince(row.lastSeenAt) > 60 { try await SessionQueries.touch(connection, tokenHash: digest, logger: logger) }
            return (account.actor, row.csrfToken)
        }
    }

    public func bearer(token: String) async throws -> Actor? {
        let logger = logger
        return try await database.read { connection in
            try await UserQueries.find(connection, apiTokenHash: Secrets.digest(token), logger: logger)?.actor
        }
    }

    public func logout(sessionToken: String) async throws {
        let logger = logger
        try await database.read { try await SessionQueries.deleteSession($0, tokenHash: Secrets.digest(sessionToken), logger: logger) }
    }

    public func logout(bearerToken: String) async throws {
        let logger = logger
        try await database.read { try await SessionQueries.revokeToken($0, tokenHash: Secrets.digest(bearerToken), logger: logger) }
    }

    /// "End my other sessions": keeps only the current one.
    public func endOtherSessions(_ origin: RequestOrigin, currentToken: String) async throws {
        let actor = try origin.authorize(.manageOwnAccount, origin.ownAccount)
        let logger = logger
        try await database.transaction { connection in
            try await SessionQueries.deleteSessions(connection, userID: actor.userID, keeping: Secrets.digest(currentToken), logger: logger)
            try await AuditTrail(database: database).record(
                connection, origin: origin, action: "auth.end_other_sessions", target: "user:\(actor.userID)")
        }
    }

    // MARK: - Credentials

    private func checkCredentials(login: String, password: String, address: String?) async throws -> UserAccount {
        let normalised = login.trimmingCharacters(in: .whitespaces).lowercased()
        // Keyed by digest: any text a client sends (even a NUL, which PostgreSQL text refuses) is a safe key.
        let accountKey = "login:\(Secrets.digest(normalised))"
        let lookable = !normalised.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } && normalised.count <= 64
        let addressKey = "address:\(address ?? "unknown")"
        let logger = logger
        let limits = limits
        let (byAccount, byAddress, found) = try await database.read { connection in
            (
                try await SessionQueries.failures(connection, key: accountKey, within: limits.failureWindow, logger: logger),
                try await SessionQueries.failures(connection, key: addressKey, within: limits.failureWindow, logger: logger),
                lookable ? try await UserQueries.credentials(connection, login: normalised, logger: logger) : nil
            )
        }
        if byAccount >= limits.failuresPerAccount || byAddress >= limits.failuresPerAddress {
            throw ServiceError.tooManyAttempts(retryAfterSeconds: limits.failureWindow)
        }
        // Unknown logins still pay for a bcrypt check: the answer and its timing do not tell them apart.
        let hash = found?.1 ?? hasher.decoy
        let matches = try await hasher.verify(password, hash: hash)
        guard let (account, _) = found, matches, account.active, found?.1 != nil else {
            try await database.read { try await SessionQueries.recordFailure($0, keys: [accountKey, addressKey], logger: logger) }
            throw ServiceError.invalidCredentials
        }
        try await database.read { try await SessionQueries.clearFailures($0, key: accountKey, logger: logger) }
        return account
    }
}
