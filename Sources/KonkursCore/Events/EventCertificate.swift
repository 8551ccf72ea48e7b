/// The text of a participation certificate of an event: a presenter's (who held a session) or an
/// attendee's (who was present at one), printed like the diplomas.
public enum EventCertificate {
    public struct Session: Sendable {
        public let title: String
        public let day: CalendarDate

        public init(title: String, day: CalendarDate) {
            self.title = title
            self.day = day
        }
    }

    public enum Recipient: Sendable {
        case presenter, attendee

        var lines: (heading: String, did: String) {
            switch self {
            case .presenter: ("подтверждает, что", "провёл(а) мастер-класс")
            case .attendee: ("участника", "посетил(а) мастер-класс")
            }
        }
    }

    public static func make(
        _ recipient: Recipient, number: String, name: String, organisation: String, session: Session, contest: String, edition: String,
        order: String, orderDate: String
    ) -> Diploma {
        Diploma(
            number: number,
            lines: [
                "СЕРТИФИКАТ", recipient.lines.heading, name, organisation, "\(recipient.lines.did) «\(session.title)» \(session.day.russian)",
                "в рамках мероприятия «\(contest)», \(edition)", "Приказ № \(order) от \(orderDate)",
            ].filter { !$0.isEmpty })
    }
}
