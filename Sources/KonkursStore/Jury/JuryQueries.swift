import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for panels, conflicts, confirmations and assignments.
public enum JuryQueries {
    public static func insertPanel(
        _ connection: PostgresConnection, contestID: Int64, title: String, stage: String?, nomination: String?, orderNumber: String,
        orderDate: String?, logger: Logger
    ) async throws -> Int64 {
        try await connection.query(
            """
            INSERT INTO panels (contest_id, title, stage, nomination, order_number, order_date)
            VALUES (\(contestID), \(title), \(stage), \(nomination), \(orderNumber), \(orderDate)::date) RETURNING id
            """, logger: logger
        ).decode(Int64.self).array()[0]
    }

    public static func panels(_ connection: PostgresConnection, contestID: Int64?, logger: Logger) async throws -> [Panel] {
        let rows = try await connection.query(
            """
            SELECT id, contest_id, title, stage, nomination, order_number, order_date::text FROM panels
            WHERE \(contestID)::bigint IS NULL OR contest_id = \(contestID) ORDER BY id
            """, logger: logger
        ).decode((Int64, Int64, String, String?, String?, String, String?).self).array()
        let members = try await connection.query(
            """
            SELECT m.panel_id, m.user_id, u.login, u.full_name, m.role, m.organisation_id, m.active
            FROM panel_members m JOIN users u ON u.id = m.user_id JOIN panels p ON p.id = m.panel_id
            WHERE \(contestID)::bigint IS NULL OR p.contest_id = \(contestID) ORDER BY m.panel_id, m.role DESC, u.full_name
            """, logger: logger
        ).decode((Int64, Int64, String, String, String, Int64?, Bool).self).array()
        return try rows.map { row in
            Panel(
                id: row.0, contestID: row.1, title: row.2, stage: row.3, nomination: row.4, orderNumber: row.5, orderDate: row.6,
                members: try members.filter { $0.0 == row.0 }.map {
                    Panel.Member(
                        userID: $0.1, login: $0.2, fullName: $0.3,
                        role: try StoredValue.decode($0.4, as: Panel.Member.Role.self, "panel_members", "role", id: $0.1),
                        organisationID: $0.5, active: $0.6)
                })
        }
    }

    public static func setMember(
        _ connection: PostgresConnection, panelID: Int64, userID: Int64, role: Panel.Member.Role, organisationID: Int64?, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO panel_members (panel_id, user_id, role, organisation_id) VALUES (\(panelID), \(userID), \(role.rawValue), \(organisationID))
            ON CONFLICT (panel_id, user_id) DO UPDATE SET role = EXCLUDED.role, organisation_id = EXCLUDED.organisation_id, active = true
            """, logger: logger)
    }

    /// False when the user is not an active member of the panel.
    public static func deactivateMember(_ connection: PostgresConnection, panelID: Int64, userID: Int64, logger: Logger) async throws -> Bool {
        try await connection.query(
            "UPDATE panel_members SET active = false WHERE panel_id = \(panelID) AND user_id = \(userID) AND active RETURNING user_id", logger: logger
        ).decode(Int64.self).array().count == 1
    }

    public struct Conflict: Sendable, Equatable {
        public let userID: Int64
        public let applicationID: Int64
        public let kind: ConflictCheck.Kind
        public let reason: String
    }

    public static func conflicts(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [Conflict] {
        try await connection.query(
            """
            SELECT c.user_id, c.application_id, c.kind, c.reason FROM conflicts c JOIN applications a ON a.id = c.application_id
            WHERE a.contest_id = \(contestID) ORDER BY c.user_id, c.application_id
            """, logger: logger
        ).decode((Int64, Int64, String, String).self).array().map {
            Conflict(
                userID: $0.0, applicationID: $0.1, kind: try StoredValue.decode($0.2, as: ConflictCheck.Kind.self, "conflicts", "kind", id: $0.1),
                reason: $0.3)
        }
    }

    /// Records a conflict (a declared one replaces an automatic one: the juror's words are kept).
    public static func insertConflict(
        _ connection: PostgresConnection, userID: Int64, applicationID: Int64, kind: ConflictCheck.Kind, reason: String, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO conflicts (user_id, application_id, kind, reason) VALUES (\(userID), \(applicationID), \(kind.rawValue), \(reason))
            ON CONFLICT (user_id, application_id) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason
            WHERE EXCLUDED.kind = 'declared'
            """, logger: logger)
    }

    public static func confirmNoConflict(_ connection: PostgresConnection, userID: Int64, contestID: Int64, stage: String, logger: Logger)
        async throws
    {
        try await connection.query(
            "INSERT INTO conflict_confirmations (user_id, contest_id, stage) VALUES (\(userID), \(contestID), \(stage)) ON CONFLICT DO NOTHING",
            logger: logger)
    }

    public static func confirmed(_ connection: PostgresConnection, userID: Int64, contestID: Int64, stage: String, logger: Logger) async throws
        -> Bool
    {
        try await connection.query(
            "SELECT count(*)::bigint FROM conflict_confirmations WHERE user_id = \(userID) AND contest_id = \(contestID) AND stage = \(stage)",
            logger: logger
        ).decode(Int.self).array()[0] > 0
    }

    public struct Assignment: Sendable, Equatable {
        public let contestID: Int64
        public let stage: String
        public let applicationID: Int64
        public let userID: Int64
        public let panelID: Int64
    }

    public static func assignments(_ connection: PostgresConnection, contestID: Int64, stage: String, userID: Int64? = nil, logger: Logger)
        async throws
        -> [Assignment]
    {
        try await connection.query(
            """
            SELECT contest_id, stage, application_id, user_id, panel_id FROM assignments
            WHERE contest_id = \(contestID) AND stage = \(stage) AND (\(userID)::bigint IS NULL OR user_id = \(userID))
            ORDER BY application_id, user_id
            """, logger: logger
        ).decode((Int64, String, Int64, Int64, Int64).self).array().map {
            Assignment(contestID: $0.0, stage: $0.1, applicationID: $0.2, userID: $0.3, panelID: $0.4)
        }
    }

    public static func assign(
        _ connection: PostgresConnection, contestID: Int64, stage: String, applicationID: Int64, userID: Int64, panelID: Int64, by: String,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO assignments (contest_id, stage, application_id, user_id, panel_id, added_by)
            VALUES (\(contestID), \(stage), \(applicationID), \(userID), \(panelID), \(by)) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    public static func unassign(
        _ connection: PostgresConnection, contestID: Int64, stage: String, applicationID: Int64, userID: Int64, logger: Logger
    ) async throws {
        try await connection.query(
            """
            DELETE FROM assignments WHERE contest_id = \(contestID) AND stage = \(stage) AND application_id = \(applicationID) AND user_id = \(userID)
            """, logger: logger)
    }
}
