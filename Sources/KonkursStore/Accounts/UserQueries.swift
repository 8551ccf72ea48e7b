import KonkursCore
import Logging
import PostgresNIO

/// SQL for accounts and their roles.
public enum UserQueries {
    typealias Row = (Int64, String, String, String?, Int64?, Bool, Bool, String)

    static let columns = """
        u.id, u.login, u.full_name, u.email, u.organisation_id, u.active, u.password_hash IS NOT NULL,
        coalesce((SELECT string_agg(role, ',' ORDER BY role) FROM user_roles r WHERE r.user_id = u.id), '')
        """

    static func account(_ row: Row) throws -> UserAccount {
        UserAccount(
            id: row.0, login: row.1, fullName: row.2, email: row.3, organisationID: row.4,
            roles: Set(try row.7.split(separator: ",").map { try StoredValue.decode(String($0), as: Role.self, "user_roles", "role", id: row.0) }),
            active: row.5, hasPassword: row.6)
    }

    public static func list(_ connection: PostgresConnection, organisation: Int64? = nil, logger: Logger) async throws -> [UserAccount] {
        let rows = try await connection.query(
            "SELECT \(unescaped: columns) FROM users u WHERE \(organisation) :: bigint IS NULL OR u.organisation_id = \(organisation) ORDER BY u.login",
            logger: logger)
        return try await rows.decode(Row.self).array().map(account)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> UserAccount? {
        try await connection.query("SELECT \(unescaped: columns) FROM users u WHERE u.id = \(id)", logger: logger)
            .decode(Row.self).array().first.map(account)
    }

    /// The active account behind a live API token, in one prepared statement (it runs on every API call).
    public static func find(_ connection: PostgresConnection, apiTokenHash: String, logger: Logger) async throws -> UserAccount? {
        try await connection.execute(AccountByToken(tokenHash: apiTokenHash), logger: logger).array().first.map(account)
    }

    struct AccountByToken: PostgresPreparedStatement {
        static let sql = """
            SELECT \(columns) FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active
            """
        typealias Row = UserQueries.Row
        let tokenHash: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(tokenHash)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    public static func find(_ connection: PostgresConnection, login: String, logger: Logger) async throws -> UserAccount? {
        try await connection.query("SELECT \(unescaped: columns) FROM users u WHERE u.login = \(login)", logger: logger)
            .decode(Row.self).array().first.map(account)
    }

    /// The account and its password hash, for signing in.
    public static func credentials(_ connection: PostgresConnection, login: String, logger: Logger) async throws -> (UserAccount, String?)? {
        let rows = try await connection.query(
            "SELECT \(unescaped: columns), u.password_hash FROM users u WHERE u.login = \(login)", logger: logger)
        for try await row in rows.decode((Int64, String, String, String?, Int64?, Bool, Bool, String, String?).self) {
            return (try account((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)), row.8)
        }
        return nil
    }

    public static func insert(_ connection: PostgresConnection, _ draft: UserDraft, passwordHash: String?, logger: Logger) async throws -> Int64 {
        let id = try await connection.query(
            """
            INSERT INTO users (login, full_name, email, organisation_id, password_hash)
            VALUES (\(draft.login), \(draft.fullName), \(draft.email), \(draft.organisationID), \(passwordHash)) RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
        for role in draft.roles.sorted() {
            try await connection.query("INSERT INTO user_roles (user_id, role) VALUES (\(id), \(role.rawValue))", logger: logger)
        }
        return id
    }

    public static func setPasswordHash(_ connection: PostgresConnection, id: Int64, hash: String?, logger: Logger) async throws {
        try await connection.query("UPDATE users SET password_hash = \(hash) WHERE id = \(id)", logger: logger)
    }

    public static func setActive(_ connection: PostgresConnection, id: Int64, active: Bool, logger: Logger) async throws {
        try await connection.query("UPDATE users SET active = \(active) WHERE id = \(id)", logger: logger)
    }

    public static func count(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.query("SELECT count(*)::bigint FROM users", logger: logger).decode(Int.self).array()[0]
    }
}
