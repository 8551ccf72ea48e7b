import Foundation
import KonkursCore
import Logging
import PostgresNIO

/// SQL for participation events: the programme, attendees and certificates.
public enum EventQueries {
    public static func setSession(_ connection: PostgresConnection, contestID: Int64, _ session: ProgrammeSession, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO programme_sessions (application_id, contest_id, day, starts, place)
            VALUES (\(session.applicationID), \(contestID), \(session.day.description)::date, \(session.starts), \(session.place))
            ON CONFLICT (application_id) DO UPDATE SET day = EXCLUDED.day, starts = EXCLUDED.starts, place = EXCLUDED.place
            """, logger: logger)
    }

    public static func programme(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [ProgrammeSession] {
        try await connection.query(
            """
            SELECT application_id, to_char(day, 'YYYY-MM-DD'), starts, place FROM programme_sessions
            WHERE contest_id = \(contestID) ORDER BY day, starts, place, application_id
            """, logger: logger
        ).decode((Int64, String, String, String).self).array().map { row in
            guard let day = CalendarDate(row.1) else { throw StoredValueError(table: "programme_sessions", column: "day", id: row.0, value: row.1) }
            return ProgrammeSession(applicationID: row.0, day: day, starts: row.2, place: row.3)
        }

    }

    typealias AttendeeRow = (Int64, Int64, Int64, Int64?, String, String, String?, String?, String, Bool)
    static let attendeeColumns = "id, contest_id, application_id, organisation_id, surname, name, patronymic, position, registered_by, present"

    static func attendee(_ row: AttendeeRow) -> Attendee {
        Attendee(
            id: row.0, contestID: row.1, applicationID: row.2, organisationID: row.3, surname: row.4, name: row.5, patronymic: row.6,
            position: row.7, registeredBy: row.8, present: row.9)
    }

    public static func addAttendee(
        _ connection: PostgresConnection, contestID: Int64, applicationID: Int64, organisationID: Int64?, surname: String, name: String,
        patronymic: String?, position: String?, by: String, present: Bool, logger: Logger
    ) async throws -> Attendee {
        try await connection.query(
            """
            INSERT INTO event_attendees (contest_id, application_id, organisation_id, surname, name, patronymic, position, consent_processing,
                registered_by, present, marked_by, marked_at)
            VALUES (\(contestID), \(applicationID), \(organisationID), \(surname), \(name), \(patronymic), \(position), true, \(by), \(present),
                CASE WHEN \(present) THEN \(by) END, CASE WHEN \(present) THEN now() END)
            RETURNING \(unescaped: attendeeColumns)
            """, logger: logger
        ).decode(AttendeeRow.self).array().map(attendee)[0]
    }

    public static func attendees(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [Attendee] {
        try await connection.query(
            "SELECT \(unescaped: attendeeColumns) FROM event_attendees WHERE contest_id = \(contestID) ORDER BY application_id, surname, name, id",
            logger: logger
        ).decode(AttendeeRow.self).array().map(attendee)
    }

    public static func findAttendee(_ connection: PostgresConnection, id: Int64, forUpdate: Bool = false, logger: Logger) async throws -> Attendee? {
        try await connection.query(
            "SELECT \(unescaped: attendeeColumns) FROM event_attendees WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")", logger: logger
        ).decode(AttendeeRow.self).array().first.map(attendee)
    }

    public static func markPresent(_ connection: PostgresConnection, id: Int64, present: Bool, by: String, logger: Logger) async throws {
        try await connection.query(
            "UPDATE event_attendees SET present = \(present), marked_by = \(by), marked_at = now() WHERE id = \(id)", logger: logger)
    }

    /// Numbers a certificate for a presenter (`application`, `recipient`) or an attendee, once.
    public static func issueCertificate(
        _ connection: PostgresConnection, contestID: Int64, applicationID: Int64?, recipient: Int, attendeeID: Int64?, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO certificates (contest_id, number, application_id, recipient, attendee_id)
            SELECT \(contestID), coalesce(max(number), 0) + 1, \(applicationID), \(recipient), \(attendeeID) FROM certificates
            WHERE contest_id = \(contestID)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Certificate numbers by `application:N:recipient` or `attendee:N`.
    public static func certificateNumbers(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> [String: Int] {
        var numbers: [String: Int] = [:]
        for (application, recipient, attendee, number) in try await connection.query(
            "SELECT application_id, recipient::integer, attendee_id, number FROM certificates WHERE contest_id = \(contestID)", logger: logger
        ).decode((Int64?, Int, Int64?, Int).self).array() {
            if let application { numbers["application:\(application):\(recipient)"] = number }
            if let attendee { numbers["attendee:\(attendee)"] = number }
        }
        return numbers
    }
}
