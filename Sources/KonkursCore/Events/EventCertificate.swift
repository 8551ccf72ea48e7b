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

    public static func presenter(
        number: String, name: String, organisation: String, session: Session, contest: String, edition: String, order: String, orderDate: String
    ) -> Diploma {
        Diploma(
            number: number,
            lines: [
                "СЕРТИФИКАТ", "подтверждает, что", name, organisation, "провёл(а) мастер-класс «\(session.title)» \(session.day.russian)",
                "в рамках мероприятия «\(contest)», \(edition)", "Приказ № \(order) от \(orderDate)",
            ].filter { !$0.isEmpty })
    }

    public static func attendee(
        number: String, name: String, organisation: String, session: Session, contest: String, edition: String, order: String, orderDate: String
    ) -> Diploma {
        Diploma(
            number: number,
            lines: [
                "СЕРТИФИКАТ", "участника", name, organisation, "посетил(а) мастер-класс «\(session.title)» \(session.day.russian)",
                "в рамках мероприятия «\(contest)», \(edition)", "Приказ № \(order) от \(orderDate)",
            ].filter { !$0.isEmpty })
    }
}
