import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for sessions, API tokens, invitations and login throttling. Tokens are looked up by hash.
public enum SessionQueries {
    public struct SessionRow: Sendable {
        public let userID: Int64
        public let csrfToken: String
        public let createdAt: Date
        public let lastSeenAt: Date
        public let expiresAt: Date
    }

    public static func createSession(
        _ connection: PostgresConnection, tokenHash: String, userID: Int64, csrf: String, expiresAt: Date, logger: Logger
    ) async throws {
        try await connection.query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (\(tokenHash), \(userID), \(csrf), \(expiresAt))",
            logger: logger)
    }

    public static func session(_ connection: PostgresConnection, tokenHash: String, logger: Logger) async throws -> SessionRow? {
        let rows = try await connection.query(
            "SELECT user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
        return try await rows.decode((Int64, String, Date, Date, Date).self).array().first.map {
            SessionRow(userID: $0.0, csrfToken: $0.1, createdAt: $0.2, lastSeenAt: $0.3, expiresAt: $0.4)
        }
    }

    public static func touch(_ connection: PostgresConnection, tokenHash: String, logger: Logger) async throws {
        try await connection.query("UPDATE sessions SET last_seen_at = now() WHERE token_hash = \(tokenHash)", logger: logger)
    }

    public static func deleteSession(_ connection: PostgresConnection, tokenHash: String, logger: Logger) async throws {
        try await connection.query("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
    }

    /// Ends every session of a user, except `keeping` (the current one) when given.
    public static func deleteSessions(_ connection: PostgresConnection, userID: Int64, keeping: String? = nil, logger: Logger) async throws {
        try await connection.query(
            "DELETE FROM sessions WHERE user_id = \(userID) AND (\(keeping) :: text IS NULL OR token_hash <> \(keeping))", logger: logger)
    }

    public static func createToken(
        _ connection: PostgresConnection, userID: Int64, name: String, tokenHash: String, expiresAt: Date, logger: Logger
    ) async throws -> Int64 {
        try await connection.query(
            "INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES (\(userID), \(name), \(tokenHash), \(expiresAt)) RETURNING id",
            logger: logger
        ).decode(Int64.self).array()[0]
    }

    public static func tokens(_ connection: PostgresConnection, userID: Int64, logger: Logger) async throws -> [APIToken] {
        try await connection.query(
            "SELECT id, name, created_at, expires_at, revoked_at IS NOT NULL FROM api_tokens WHERE user_id = \(userID) ORDER BY id DESC",
            logger: logger
        ).decode((Int64, String, Date, Date, Bool).self).array().map {
            APIToken(id: $0.0, name: $0.1, createdAt: $0.2, expiresAt: $0.3, revoked: $0.4)
        }
    }

    /// Revokes one of a user's tokens; false when the user has no such live token.
    public static func revokeToken(_ connection: PostgresConnection, id: Int64, userID: Int64, logger: Logger) async throws -> Bool {
        try await connection.query(
            "UPDATE api_tokens SET revoked_at = now() WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL RETURNING id", logger: logger
        ).decode(Int64.self).array().count == 1
    }

    public static func revokeToken(_ connection: PostgresConnection, tokenHash: String, logger: Logger) async throws {
        try await connection.query("UPDATE api_tokens SET revoked_at = now() WHERE token_hash = \(tokenHash) AND revoked_at IS NULL", logger: logger)
    }

    /// Revokes every live token of a user, except `keeping` (the one making the change) when given.
    public static func revokeTokens(_ connection: PostgresConnection, userID: Int64, keeping: String? = nil, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE api_tokens SET revoked_at = now()
            WHERE user_id = \(userID) AND revoked_at IS NULL AND (\(keeping) :: text IS NULL OR token_hash <> \(keeping))
            """, logger: logger)
    }

    /// Ends a user's unused invitation links (a newer one replaces them).
    public static func endInvitations(_ connection: PostgresConnection, userID: Int64, logger: Logger) async throws {
        try await connection.query(
            "UPDATE invitations SET expires_at = now() WHERE user_id = \(userID) AND used_at IS NULL AND expires_at > now()", logger: logger)
    }

    public static func createInvitation(_ connection: PostgresConnection, tokenHash: String, userID: Int64, expiresAt: Date, logger: Logger)
        async throws
    {
        try await connection.query(
            "INSERT INTO invitations (token_hash, user_id, expires_at) VALUES (\(tokenHash), \(userID), \(expiresAt))", logger: logger)
    }

    /// Marks a live invitation used and returns its user, once; nil when unknown, used or expired.
    public static func consumeInvitation(_ connection: PostgresConnection, tokenHash: String, logger: Logger) async throws -> Int64? {
        try await connection.query(
            """
            UPDATE invitations SET used_at = now() WHERE token_hash = \(tokenHash) AND used_at IS NULL AND expires_at > now()
            RETURNING user_id
            """, logger: logger
        ).decode(Int64.self).array().first
    }

    public static func recordFailure(_ connection: PostgresConnection, keys: [String], logger: Logger) async throws {
        try await connection.query("DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'", logger: logger)
        for key in keys { try await connection.query("INSERT INTO login_failures (key) VALUES (\(key))", logger: logger) }
    }

    public static func failures(_ connection: PostgresConnection, key: String, within seconds: Int, logger: Logger) async throws -> Int {
        try await connection.query(
            "SELECT count(*)::bigint FROM login_failures WHERE key = \(key) AND failed_at > now() - make_interval(secs => \(seconds))",
            logger: logger
        ).decode(Int.self).array()[0]
    }

    public static func clearFailures(_ connection: PostgresConnection, key: String, logger: Logger) async throws {
        try await connection.query("DELETE FROM login_failures WHERE key = \(key)", logger: logger)
    }
}
