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
