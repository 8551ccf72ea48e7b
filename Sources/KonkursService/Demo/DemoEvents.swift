import Foundation
import KonkursCore

/// The demo's «Неделя мастер-классов» as it was held: its admitted master classes in the programme,
/// attendees registered by their schools and at the door, presence marked, and the certificates
/// issued by the approving order.
enum DemoEvents {
    static func load(_ services: KonkursServices, origin: RequestOrigin, contest: ContestEdition, now: Date) async throws {
        let sessions = try await services.applications.list(origin, filter: .init(contest: contest.id, status: .admitted))
        let places = ["Актовый зал СОШ № 5", "Музыкальный зал ДОУ № 7", "Кабинет информатики СОШ п. Мылки"]
        for (index, session) in sessions.enumerated() {
            let day = DemoDistrict.localText(now.addingTimeInterval(Double(index - 25) * 86400), timeZone: contest.timeZone).prefix(10)
            _ = try await services.events.schedule(
                origin, applicationID: session.id, day: String(day), starts: index == 1 ? "10:00" : "14:30", place: places[index % places.count])
        }
        let organisations = try await services.organisations.list(origin)
        let people: [(surname: String, name: String, organisation: String, present: Bool)] = [
            ("Панова", "Ирина", "СОШ № 1", true), ("Рыбин", "Олег", "СОШ № 1", false), ("Маслова", "Юлия", "ДОУ № 12", true),
            ("Киреева", "Анна", "СОШ № 3", true),
        ]
        for (index, person) in people.enumerated() where !sessions.isEmpty {
            let attendee = try await services.events.register(
                origin, applicationID: sessions[index % sessions.count].id, organisationID: organisations.named(person.organisation)?.id,
                attendee: .init(surname: person.surname, name: person.name, patronymic: nil, position: "Учитель", consentProcessing: true))
            if person.present { _ = try await services.events.markPresent(origin, attendeeID: attendee.id, present: true) }
        }
        _ = try await services.events.register(
            origin, applicationID: sessions[0].id, organisationID: nil,
            attendee: .init(surname: "Смирнова", name: "Елена", patronymic: nil, position: "Студентка АмГПУ", consentProcessing: true),
            atTheDoor: true)
        let order = DemoDistrict.localText(now.addingTimeInterval(-20 * 86400), timeZone: contest.timeZone).prefix(10)
        _ = try await services.events.issueCertificates(origin, contestID: contest.id, order: "38-од", date: String(order))
    }
}
