import Foundation
import KonkursCore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// «Неделя мастер-классов» through the event's use cases: the programme, registration, presence and
/// certificates, each refusal naming its rule and writing nothing.
@Suite struct EventTests {
    let worlds = ApplicationServiceTests()
    let admin = KonkursServices.commandLine

    static let presenter = Application.Member(
        role: .nominee, surname: "Егорова", name: "Светлана", patronymic: nil, birthDate: "1985-10-10", position: "Учитель биологии", subject: nil,
        experienceStart: "2008-09-01", category: nil, contacts: nil)

    static let guest = EventService.AttendeeDraft(surname: "Панова", name: "Ирина", patronymic: nil, position: nil, consentProcessing: true)

    /// A submitted master class of the world's school.
    func session(_ world: ApplicationServiceTests.World) async throws -> Application {
        let draft = try await world.services.applications.create(
            world.coordinator, contestID: world.contest.id, nomination: "master_klass", organisationID: nil,
            content: .init(
                members: [Self.presenter], consentProcessing: true, consentPublication: ["full_name"], selfNominated: false, videoLinks: [],
                fields: ["tema": "Живая клетка", "auditoriya": "учителя-предметники"]))
        return try await world.services.applications.submit(world.coordinator, id: draft.id, now: world.closes.addingTimeInterval(-60))
    }

    @Test func onlyAnAdmittedSessionEntersTheProgrammeAndOnlyItsAttendeesRegister() async throws {
        try await worlds.withWorld("nedelya-master-klassov") { world in
            let events = world.services.events
            let submitted = try await session(world)
            await #expect(throws: ServiceError.conflict("в программу включается допущенная заявка; эта — «подана»")) {
                try await events.schedule(admin, applicationID: submitted.id, day: "2026-03-17", starts: "14:30", place: "Актовый зал")
            }
            _ = try await world.services.applications.decide(admin, id: submitted.id, decision: .admit, reason: nil)
            let badTime = await #expect(throws: InvalidInput.self) {
                try await events.schedule(admin, applicationID: submitted.id, day: "17.03.2026", starts: "25:00", place: " ")
            }
            #expect(badTime?.problems.map(\.field) == ["day", "starts", "place"])
            await #expect(throws: InvalidInput.self) {
                try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: Self.guest)
            }  // not in the programme yet
            _ = try await events.schedule(admin, applicationID: submitted.id, day: "2026-03-17", starts: "14:30", place: "Актовый зал")
            #expect(try await events.programme(RequestOrigin(actor: nil), contestID: world.contest.id).map(\.title) == ["Живая клетка"])

            var unconsented = Self.guest
            unconsented.consentProcessing = false
            let refused = await #expect(throws: InvalidInput.self) {
                try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: unconsented)
            }
            #expect(refused?.problems.map(\.field) == ["consent_processing"])
            let other = await #expect(throws: InvalidInput.self) {
                try await events.register(world.coordinator, applicationID: submitted.id, organisationID: world.other.id, attendee: Self.guest)
            }
            #expect(other?.problems.map(\.field) == ["organisation_id"])
            await #expect(throws: ServiceError.forbidden) {
                try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: Self.guest, atTheDoor: true)
            }
            #expect(try await events.attendees(admin, contestID: world.contest.id).isEmpty, "nothing written by the refusals")

            let registered = try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: Self.guest)
            #expect(registered.organisationID == world.school.id && !registered.present)
            #expect(try await events.attendees(world.coordinator, contestID: world.contest.id).map(\.id) == [registered.id])
        }
    }

    @Test func certificatesFollowTheApprovingOrderForPresentersAndThoseWhoCame() async throws {
        try await worlds.withWorld("nedelya-master-klassov") { world in
            let events = world.services.events
            let submitted = try await session(world)
            _ = try await world.services.applications.decide(admin, id: submitted.id, decision: .admit, reason: nil)
            _ = try await events.schedule(admin, applicationID: submitted.id, day: "2026-03-17", starts: "14:30", place: "Актовый зал")
            let came = try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: Self.guest)
            var absentDraft = Self.guest
            absentDraft.surname = "Рыбин"
            let absent = try await events.register(world.coordinator, applicationID: submitted.id, organisationID: nil, attendee: absentDraft)
            _ = try await events.markPresent(admin, attendeeID: came.id, present: true)

            await #expect(throws: ContestPhase.RefusedTransition(from: .applicationsOpen, to: .approved, chain: .approval)) {
                try await events.issueCertificates(admin, contestID: world.contest.id, order: "45-од", date: "2026-03-20")
            }
            for phase in [ContestPhase.applicationsClosed, .admissionReview] {
                _ = try await world.services.contests.transition(admin, id: world.contest.id, to: phase)
            }
            #expect(try await events.issueCertificates(admin, contestID: world.contest.id, order: "45-од", date: "2026-03-20") == 2)
            #expect(try await world.services.contests.get(admin, id: world.contest.id).phase == .published)
            await #expect(throws: ServiceError.self) { try await events.markPresent(admin, attendeeID: absent.id, present: true) }
            await #expect(throws: ServiceError.conflict("Рыбин Ирина не отмечен(а) присутствовавшим(ей): сертификата участника нет")) {
                try await events.certificates(admin, contestID: world.contest.id, selection: .attendee(absent.id))
            }
            let printed = try await events.certificates(world.coordinator, contestID: world.contest.id)
            #expect(printed.contains("провёл(а) мастер-класс «Живая клетка» 17.03.2026") && printed.contains("Панова Ирина"))
            #expect(printed.contains("Приказ № 45-од от 20.03.2026") && !printed.contains("Рыбин"))
        }
    }

    @Test func aContestWithAJuryIsNotAnEvent() async throws {
        try await worlds.withWorld("vozhatyi-goda") { world in
            await #expect(throws: ServiceError.conflict("положение «Вожатый года» не описывает мероприятие с программой")) {
                try await world.services.events.issueCertificates(admin, contestID: world.contest.id, order: "1", date: "2026-03-20")
            }
            #expect(world.contest.nextPhases == [.applicationsClosed, .cancelled])
        }
    }
}
