import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Accounts: created by an administrator, activated through a one-time invitation link.
public struct UserService: Sendable {
    let database: Database
    let hasher: PasswordHasher
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    /// How long an invitation link stays valid.
    public static let invitationLifetime: TimeInterval = 72 * 3600
    /// The longest token text the API document allows (`maxLength` of the invitation route).
    public static let invitationTokenLimit = 200

    public init(database: Database, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// Creates from form or API fields, checking permission before the fields.
    public func add(
        _ origin: RequestOrigin, login: String, fullName: String, email: String?, organisationID: Int64?, roles: [String]
    ) async throws -> (account: UserAccount, invitation: String) {
        _ = try origin.authorize(.manageUsers, .registry)
        return try await add(
            origin, try UserDraft.validated(login: login, fullName: fullName, email: email, organisationID: organisationID, roles: roles))
    }

    /// A new account and its invitation token (to be sent as a link, shown once).
    public func add(_ origin: RequestOrigin, _ draft: UserDraft) async throws -> (account: UserAccount, invitation: String) {
        _ = try origin.authorize(.manageUsers, .registry)
        let invitation = Secrets.token()
        let account = try await database.transaction { connection in
            if let organisation = draft.organisationID, try await OrganisationQueries.find(connection, id: organisation, logger: logger) == nil {
                throw InvalidInput([.init(field: "organisation_id", message: "Организация \(organisation) не найдена в реестре")])
            }
            let id: Int64
            do {
                id = try await UserQueries.insert(connection, draft, passwordHash: nil, logger: logger)
            } catch let error as PSQLError where error.sqlState == "23505" {
                throw ServiceError.conflict("логин «\(draft.login)» уже занят")
            }
            try await SessionQueries.createInvitation(
                connection, tokenHash: Secrets.digest(invitation), userID: id, expiresAt: Date().addingTimeInterval(Self.invitationLifetime),
                logger: logger)
            try await audit.record(
                connection, origin: origin, action: "user.create", target: "user:\(id)",
                details: [
                    "login": draft.login, "roles": draft.roles.sorted().map(\.rawValue).joined(separator: ","),
                    "organisation": draft.organisationID.map(String.init) ?? "",
                ])
            return try await UserQueries.find(connection, id: id, logger: logger)!
        }
        return (account, invitation)
    }

    public func list(_ origin: RequestOrigin) async throws -> [UserAccount] {
        let actor = try origin.authorize(.viewUsers, .registry)
        let logger = logger
        switch AccessPolicy.scope(of: actor, for: .viewUsers) {
        case .all: return try await database.read { try await UserQueries.list($0, logger: logger) }
        case .organisation(let id): return try await database.read { try await UserQueries.list($0, organisation: id, logger: logger) }
        case .nothing: return []
        }
    }

    public func get(_ origin: RequestOrigin, id: Int64) async throws -> UserAccount {
        let logger = logger
        let found = try await database.read { try await UserQueries.find($0, id: id, logger: logger) }
        return try visible(found, to: origin)
    }

    public func get(_ origin: RequestOrigin, login: String) async throws -> UserAccount {
        let logger = logger
        let normalised = login.trimmingCharacters(in: .whitespaces).lowercased()
        let found = try await database.read { try await UserQueries.find($0, login: normalised, logger: logger) }
        return try visible(found, to: origin)
    }

    /// The account if the caller may see it (everyone sees their own); otherwise the same answer as
    /// for a missing one.
    private func visible(_ found: UserAccount?, to origin: RequestOrigin) throws -> UserAccount {
        guard let found else {
            _ = try origin.authorize(.viewUsers, .user(id: -1, organisationID: nil))
            throw ServiceError.notFound
        }
        if origin.actor?.userID == found.id { return found }
        _ = try origin.authorize(.viewUsers, .user(id: found.id, organisationID: found.organisationID))
        return found
    }

    /// Disables an account and ends all its sessions and tokens at once.
    public func setActive(_ origin: RequestOrigin, id: Int64, active: Bool) async throws -> UserAccount {
        let actor = try origin.authorize(.manageUsers, .registry)
        // An administrator who disables themselves can lock the department out; another admin must do it.
        if !active && actor.userID == id { throw ServiceError.conflict("нельзя отключить собственную учётную запись") }
        return try await database.transaction { connection in
            guard var account = try await UserQueries.find(connection, id: id, logger: logger) else { throw ServiceError.notFound }
            if account.active == active { return account }
            try await UserQueries.setActive(connection, id: id, active: active, logger: logger)
            if !active {
                try await AccountService.endSignIns(connection, userID: id, keeping: nil, logger: logger)
            }
            try await audit.record(
                connection, origin: origin, action: active ? "user.enable" : "user.disable", target: "user:\(id)",
                details: ["login": account.login])
            account.active = active
            return account
        }
    }

    /// Clears the password, ends every session, API token and earlier invitation, and returns a new
    /// invitation token.
    public func resetPassword(_ origin: RequestOrigin, id: Int64) async throws -> String {
        let actor = try origin.authorize(.manageUsers, .registry)
        // A reset clears the password: of one's own account it would end the very sign-in making it.
        if actor.userID == id { throw ServiceError.conflict("собственный пароль меняется на странице «Учётная запись», не сбросом") }
        let invitation = Secrets.token()
        try await database.transaction { connection in
            guard let account = try await UserQueries.find(connection, id: id, logger: logger) else { throw ServiceError.notFound }
            try await UserQueries.setPasswordHash(connection, id: id, hash: nil, logger: logger)
            try await AccountService.endSignIns(connection, userID: id, keeping: nil, logger: logger)
            try await SessionQueries.endInvitations(connection, userID: id, logger: logger)
            try await SessionQueries.createInvitation(
                connection, tokenHash: Secrets.digest(invitation), userID: id, expiresAt: Date().addingTimeInterval(Self.invitationLifetime),
                logger: logger)
            try await audit.record(connection, origin: origin, action: "user.reset_password", target: "user:\(id)", details: ["login": account.login])
        }
        return invitation
    }

    /// Sets the password through an invitation link; the link works once and expires.
    public func acceptInvitation(token: String, password: String, origin: RequestOrigin) async throws -> UserAccount {
        // Tokens are 43 characters; a longer text is a mistyped link, not one that expired.
        guard token.unicodeScalars.count <= Self.invitationTokenLimit else {
            throw InvalidInput([.init(field: "token", message: "Ссылка-приглашение: не длиннее \(Self.invitationTokenLimit) знаков")])
        }
        try PasswordRules.check(password)
        let hash = try await hasher.hash(password)
        return try await database.transaction { connection in
            guard let id = try await SessionQueries.consumeInvitation(connection, tokenHash: Secrets.digest(token), logger: logger),
                let account = try await UserQueries.find(connection, id: id, logger: logger), account.active
            else { throw ServiceError.invitationInvalid }
            try await UserQueries.setPasswordHash(connection, id: id, hash: hash, logger: logger)
            try await AccountService.endSignIns(connection, userID: id, keeping: nil, logger: logger)
            try await audit.record(
                connection, origin: RequestOrigin(actor: account.actor, requestID: origin.requestID), action: "user.set_password",
                target: "user:\(id)")
            return account
        }
    }

    /// Sets a password directly (the CLI's first administrator, the demo accounts).
    public func setPassword(_ origin: RequestOrigin, id: Int64, password: String) async throws {
        _ = try origin.authorize(.manageUsers, .registry)
        try PasswordRules.check(password)
        let hash = try await hasher.hash(password)
        try await database.transaction { connection in
            try await UserQueries.setPasswordHash(connection, id: id, hash: hash, logger: logger)
            try await audit.record(connection, origin: origin, action: "user.set_password", target: "user:\(id)")
        }
    }

    public func count() async throws -> Int {
        let logger = logger
        return try await database.read { try await UserQueries.count($0, logger: logger) }
    }
}

extension UserService {
    /// The command line acting for a named, active account (publication needs two different people).
    public func origin(actingAs login: String) async throws -> RequestOrigin {
        let account = try await get(KonkursServices.commandLine, login: login.trimmingSpaces.lowercased())
        guard account.active else { throw ServiceError.conflict("учётная запись «\(login)» отключена") }
        return RequestOrigin(actor: account.actor)
    }
}
