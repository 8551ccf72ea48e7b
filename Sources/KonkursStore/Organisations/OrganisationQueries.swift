import KonkursCore
import Logging
import PostgresNIO

/// SQL for the organisations registry.
public enum OrganisationQueries {
    typealias Row = (Int64, String, String, String, String, Bool)

    static func organisation(_ row: Row) throws -> Organisation {
        Organisation(
            id: row.0, fullName: row.1, shortName: row.2,
            kind: try StoredValue.decode(row.3, as: Organisation.Kind.self, "organisations", "kind", id: row.0),
            district: row.4, active: row.5)
    }

    public static func list(_ connection: PostgresConnection, only id: Int64? = nil, logger: Logger) async throws -> [Organisation] {
        let rows = try await connection.query(
            """
            SELECT id, full_name, short_name, kind, district, active FROM organisations
            WHERE \(id) :: bigint IS NULL OR id = \(id) ORDER BY short_name COLLATE "C", id
            """, logger: logger)
        return try await rows.decode(Row.self).array().map(organisation)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Organisation? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        let rows = try await connection.query(
            "SELECT id, full_name, short_name, kind, district, active FROM organisations WHERE id = \(id)\(unescaped: lock)", logger: logger)
        return try await rows.decode(Row.self).array().first.map(organisation)
    }

    public static func insert(_ connection: PostgresConnection, _ draft: OrganisationDraft, logger: Logger) async throws -> Organisation {
        let rows = try await connection.query(
            """
            INSERT INTO organisations (full_name, short_name, kind, district)
            VALUES (\(draft.fullName), \(draft.shortName), \(draft.kind.rawValue), \(draft.district))
            RETURNING id, full_name, short_name, kind, district, active
            """, logger: logger)
        return try await rows.decode(Row.self).array().map(organisation)[0]
    }

    public static func update(_ connection: PostgresConnection, id: Int64, _ draft: OrganisationDraft, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE organisations SET full_name = \(draft.fullName), short_name = \(draft.shortName), kind = \(draft.kind.rawValue),
                district = \(draft.district) WHERE id = \(id)
            """, logger: logger)
    }

    public static func setActive(_ connection: PostgresConnection, id: Int64, active: Bool, logger: Logger) async throws {
        try await connection.query("UPDATE organisations SET active = \(active) WHERE id = \(id)", logger: logger)
    }

    public static func id(shortName: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        try await connection.query("SELECT id FROM organisations WHERE short_name = \(shortName)", logger: logger).decode(Int64.self).array().first
    }
}
