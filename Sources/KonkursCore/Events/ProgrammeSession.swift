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
