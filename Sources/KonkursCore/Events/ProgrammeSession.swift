/// A session of the event's programme: an admitted presenter's application given its day, time and place.
public struct ProgrammeSession: Sendable, Equatable {
    public let applicationID: Int64
    public var day: CalendarDate
    /// Local time of the event's zone, HH:MM.
    public var starts: String
    public var place: String

    public init(applicationID: Int64, day: CalendarDate, starts: String, place: String) {
        self.applicationID = applicationID
        self.day = day
        self.starts = starts
        self.place = place
    }

    /// HH:MM of a day, 00:00–23:59.
    public static func isTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return false }
        return (0...23).contains(hours) && (0...59).contains(minutes)
    }
}

/// Someone who came to a session: registered by their organisation or at the door by the department.
public struct Attendee: Sendable, Equatable {
    public let id: Int64
    public let contestID: Int64
    /// The session (its presenter's application).
    public let applicationID: Int64
    public let organisationID: Int64?
    public var surname: String
    public var name: String
    public var patronymic: String?
    public var position: String?
    public let registeredBy: String
    public var present: Bool

    public init(
        id: Int64, contestID: Int64, applicationID: Int64, organisationID: Int64?, surname: String, name: String, patronymic: String?,
        position: String?, registeredBy: String, present: Bool
    ) {
        self.id = id
        self.contestID = contestID
        self.applicationID = applicationID
        self.organisationID = organisationID
        self.surname = surname
        self.name = name
        self.patronymic = patronymic
        self.position = position
        self.registeredBy = registeredBy
        self.present = present
    }

    public var fullName: String { [surname, name, patronymic].compactMap { $0 }.joined(separator: " ") }
}
