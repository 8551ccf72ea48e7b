import Logging
import PostgresNIO

/// SQL for the settings a running service records for admin commands (`service_settings`).
public enum SettingsQueries {
    public static func publicURL(_ connection: PostgresConnection, logger: Logger) async throws -> String? {
        try await connection.query("SELECT value FROM service_settings WHERE name = 'public_url'", logger: logger)
            .decode(String.self).array().first
    }

    public static func setPublicURL(_ connection: PostgresConnection, _ value: String, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO service_settings (name, value) VALUES ('public_url', \(value))
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
            """, logger: logger)
    }
}
