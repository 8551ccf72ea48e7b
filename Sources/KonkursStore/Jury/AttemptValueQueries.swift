import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for an attempt's own values (factor, extras; migration 0014).
public enum AttemptValueQueries {
    public struct Value: Sendable, Equatable {
        public let applicationID: Int64
        public let trial: String
        public let attempt: Int
        /// The score file's column: `factor`, `extra` or `extra:NAME`.
        public let component: String
        public let value: String
        public let enteredBy: String
    }

    /// Sets (or, with nil, clears) one value; returns the value it replaced.
    public static func set(
        _ connection: PostgresConnection, contestID: Int64, stage: String, trial: String, applicationID: Int64, attempt: Int, component: String,
        value: String?, by login: String, logger: Logger
    ) async throws -> String? {
        let previous = try await connection.query(
            """
            SELECT value FROM attempt_values
            WHERE application_id = \(applicationID) AND trial = \(trial) AND attempt = \(attempt) AND component = \(component) FOR UPDATE
            """, logger: logger
        ).decode(String.self).array().first
        if let value {
            try await connection.query(
                """
                INSERT INTO attempt_values (contest_id, stage, trial, application_id, attempt, component, value, entered_by)
                VALUES (\(contestID), \(stage), \(trial), \(applicationID), \(attempt), \(component), \(value), \(login))
                ON CONFLICT (application_id, trial, attempt, component) DO UPDATE
                SET value = EXCLUDED.value, entered_by = EXCLUDED.entered_by, entered_at = now()
                """, logger: logger)
        } else {
            try await connection.query(
                """
                DELETE FROM attempt_values
                WHERE application_id = \(applicationID) AND trial = \(trial) AND attempt = \(attempt) AND component = \(component)
                """, logger: logger)
        }
        return previous
    }

    public static func list(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [Value] {
        try await connection.query(
            """
            SELECT application_id, trial, attempt, component, value, entered_by FROM attempt_values WHERE contest_id = \(contestID)
            ORDER BY application_id, trial, attempt, component COLLATE "C"
            """, logger: logger
        ).decode((Int64, String, Int, String, String, String).self).array().map {
            Value(applicationID: $0.0, trial: $0.1, attempt: $0.2, component: $0.3, value: $0.4, enteredBy: $0.5)
        }
    }
}
