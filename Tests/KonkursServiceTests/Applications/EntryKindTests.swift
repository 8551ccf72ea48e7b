import Foundation
import KonkursCore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Applications of every entry kind through the use cases: a team with pupils («Лидеры образования»)
/// and an organisation («Лучшая организация наставничества»); every refusal names its rule and field
/// and leaves the stored application as it was.
@Suite struct EntryKindTests {
    let worlds = ApplicationServiceTests()

    static func person(_ role: Application.Member.Role, _ surname: String, born: String = "1996-03-01") -> Application.Member {
        Application.Member(
            role: role, surname: surname, name: "Анна", patronymic: nil, birthDate: born, position: "Учитель", subject: nil,
            experienceStart: "2019-09-01", category: nil, contacts: nil)
    }

    static func pupil(_ surname: String) -> Application.Member {
        Application.Member(
            role: "uchenik", surname: surname, name: "Миша", patronymic: nil, birthDate: "2012-01-01", position: "8 класс", subject: "",
            experienceStart: "2019-09-01", category: "высшая", contacts: nil, guardian: "Иванова Ольга Петровна", namePublished: true)
    }

    /// Six people: a captain, two young teachers, a mentor and two pupils.
    static var team: Application.Content {
        Application.Content(
            members: [
                person(.captain, "Ким"), person("molodoi", "Ли"), person("molodoi", "Пак"), person("nastavnik", "Орлова", born: "1972-05-05"),
                pupil("Иванов"), pupil("Петров"),
            ], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: [], entryName: "  Звёзды  ",
            fields: ["proekt": "Школа радости", "deviz": ""])
    }

    @Test func aTeamWithPupilsIsFiledAndItsRefusalsNameTheField() async throws {
        try await worlds.withWorld("lidery-obrazovaniya") { world in
            let applications = world.services.applications
            let draft = try await applications.create(
                world.coordinator, contestID: world.contest.id, nomination: "komandy", organisationID: nil, content: Self.team)
            #expect(draft.entryName == "Звёзды" && draft.entryTitle == "Звёзды")
            #expect(draft.fields == ["proekt": "Школа радости"], "empty fields are not kept")
            #expect(draft.members[4].birthDate.isEmpty && draft.members[4].category == nil, "a pupil is not asked for pedagogical data")
            #expect(draft.members[4].guardian == "Иванова Ольга Петровна" && draft.members[4].namePublished == true)

            var large = Self.team
            large.members += (1...3).map { Self.person("molodoi", "Новиков\($0)") }
            large.members[1].role = "coach"
            large.fields["ghost"] = "x"
            let refused = await #expect(throws: InvalidInput.self) {
                try await applications.update(world.coordinator, id: draft.id, content: large)
            }
            #expect(refused?.problems.map(\.field) == ["members", "members[1].role", "fields.ghost"])
            #expect(try await applications.get(world.coordinator, id: draft.id).members.count == 6, "nothing partly written")

            var youngMentor = Self.team
            youngMentor.members[3] = Self.person("nastavnik", "Сидоров", born: "2010-02-02")
            _ = try await applications.update(world.coordinator, id: draft.id, content: youngMentor)
            let notAdult = await #expect(throws: InvalidInput.self) {
                try await applications.submit(world.coordinator, id: draft.id, now: world.closes.addingTimeInterval(-60))
            }
            #expect(
                notAdult?.problems.map(\.message) == [
                    "Сидоров Анна: на 20.03.2026 16 лет — педагогические роли только для совершеннолетних (обучающийся — в роли обучающегося)"
                ])

            _ = try await applications.update(world.coordinator, id: draft.id, content: Self.team)
            let submitted = try await applications.submit(world.coordinator, id: draft.id, now: world.closes.addingTimeInterval(-60))
            #expect(submitted.status == .submitted)
            let consents = try await world.services.audit.recent(KonkursServices.commandLine).filter { $0.target == "application:\(draft.id)" }
            #expect(consents.contains { $0.details.contains("Иванов Миша: Иванова Ольга Петровна") }, "who gave a pupil's consents is on record")

        }
    }

    static var organisation: Application.Content {
        Application.Content(
            members: [
                Application.Member(
                    role: .contact, surname: "Белова", name: "Ирина", patronymic: nil, birthDate: "1980-01-01", position: "Заместитель директора",
                    subject: nil, experienceStart: "", category: nil, contacts: "+7 900 000-00-00")
            ], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: [],
            fields: ["praktika": "Наставник рядом", "nastavnikov": "много"])
    }

    @Test func anOrganisationNominatesItselfOnceWithItsFields() async throws {
        try await worlds.withWorld("luchshaya-organizaciya-nastavnichestva") { world in
            let applications = world.services.applications
            let byAnother = await #expect(throws: InvalidInput.self) {
                try await applications.create(
                    world.coordinator, contestID: world.contest.id, nomination: "organizaciya", organisationID: world.other.id,
                    content: Self.organisation)
            }
            #expect(byAnother?.problems.map(\.field) == ["organisation_id"])

            let wrongType = await #expect(throws: InvalidInput.self) {
                try await applications.create(
                    world.coordinator, contestID: world.contest.id, nomination: "organizaciya", organisationID: nil, content: Self.organisation)
            }
            #expect(
                wrongType?.problems.map(\.message) == ["«Число пар «наставник — наставляемый» в организации»: ожидается число, например 12 или 4,5"])

            var content = Self.organisation
            content.fields = ["nastavnikov": "12"]
            let draft = try await applications.create(
                world.coordinator, contestID: world.contest.id, nomination: "organizaciya", organisationID: nil, content: content)
            #expect(draft.entryTitle == "СОШ № 1" && draft.members[0].birthDate.isEmpty, "no birth date is kept for a contact person")
            try await attachRequired(world, draft.id)
            let missing = await #expect(throws: InvalidInput.self) {
                try await applications.submit(world.coordinator, id: draft.id, now: world.closes.addingTimeInterval(-60))
            }
            #expect(missing?.problems.map(\.message) == ["Не заполнено обязательное поле «Название практики наставничества»"])

            content.fields["praktika"] = "Наставник рядом"
            _ = try await applications.update(world.coordinator, id: draft.id, content: content)
            _ = try await applications.submit(world.coordinator, id: draft.id, now: world.closes.addingTimeInterval(-60))

            let second = try await applications.create(
                world.coordinator, contestID: world.contest.id, nomination: "organizaciya", organisationID: nil, content: content)
            try await attachRequired(world, second.id)
            let twice = await #expect(throws: InvalidInput.self) {
                try await applications.submit(world.coordinator, id: second.id, now: world.closes.addingTimeInterval(-60))
            }
            #expect(
                twice?.problems.map(\.message).contains(
                    "Организация уже выдвинута в номинации «Лучшая организация наставничества»: вторую заявку на неё подать нельзя") == true)
        }
    }

    func attachRequired(_ world: ApplicationServiceTests.World, _ id: Int64) async throws {
        _ = try await world.services.applications.attach(
            world.coordinator, applicationID: id, kind: "programma", fileName: "programma.pdf", content: ApplicationServiceTests.pdf)
    }
}
