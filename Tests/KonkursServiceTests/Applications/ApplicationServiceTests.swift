import Foundation
import KonkursCore
import KonkursStore
import NIOCore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Submitting applications to «Вожатый года» (quota 1 per organisation) and «Лучший молодой специалист»
/// (not older than 35, at most 3 years of experience on 2026-09-01).
@Suite struct ApplicationServiceTests {
    static let root = Repository.root
    static func regulation(_ name: String) -> String {
        try! String(contentsOf: root.appendingPathComponent("Database/regulations/\(name).yaml"), encoding: .utf8)
    }

    let admin = KonkursServices.commandLine

    static func member(born: String = "1995-04-12", started: String = "2024-09-01", role: Application.Member.Role = .nominee) -> Application.Member {
        Application.Member(
            role: role, surname: "Петрова", name: "Анна", patronymic: "Сергеевна", birthDate: born, position: "Старшая вожатая", subject: nil,
            experienceStart: started, category: nil, contacts: "8-924-000-00-00")
    }

    struct World {
        let services: KonkursServices
        let contest: ContestEdition
        let school: Organisation
        let other: Organisation
        let coordinator: RequestOrigin
        let closes: Date
    }

    /// An open contest from `name`, a school with its coordinator, and another organisation.
    func withWorld(_ name: String, _ body: (World) async throws -> Void) async throws {
        try await withServices { services, database in
            let contest = try await services.contests.create(admin, regulation: Self.regulation(name), fileName: "\(name).yaml")
            _ = try await services.contests.schedule(admin, id: contest.id, opens: "2026-03-01 09:00", closes: "2026-03-20 18:00")
            _ = try await services.contests.transition(admin, id: contest.id, to: .announced)
            let opens = ContestSchedule.instant("2026-03-01 09:00", timeZone: contest.timeZone)!
            try await services.contests.applySchedule(now: opens)
            let school = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            let other = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБДОУ № 7", shortName: "ДОУ № 7", kind: .kindergarten))
            let coordinator = RequestOrigin(actor: Actor(userID: 77, login: "coord", roles: [.coordinator], organisationID: school.id))
            try await body(
                World(
                    services: services, contest: try await services.contests.get(admin, id: contest.id), school: school, other: other,
                    coordinator: coordinator,
                    closes: ContestSchedule.instant("2026-03-20 18:00", timeZone: contest.timeZone)!))
        }
    }

    static let pdf = ByteBuffer(string: "%PDF-1.4\n%%EOF\n")

    /// A draft with everything the regulation requires besides what the test varies: its required
    /// documents and a video link.
    func draft(_ world: World, nomination: String, members: [Application.Member] = [member()], consent: Bool = true) async throws -> Application {
        let application = try await world.services.applications.create(
            world.coordinator, contestID: world.contest.id, nomination: nomination, organisationID: nil,
            content: .init(
                members: members, consentProcessing: consent, consentPublication: ["full_name", "organisation"], selfNominated: false,
                videoLinks: ["https://rutube.ru/video/1"]))
        let regulation = try RegulationParser.parse(world.contest.regulationText, file: "r.yaml")
        for document in regulation.nomination(nomination)!.documents where document.required {
            _ = try await world.services.applications.attach(
                world.coordinator, applicationID: application.id, kind: document.id, fileName: "\(document.id).pdf", content: Self.pdf)
        }
        return application
    }

    @Test func theQuotaHoldsUnderTwentyConcurrentSubmits() async throws {
        try await withWorld("vozhatyi-goda") { world in
            var drafts: [Application] = []
            for _ in 0..<20 { drafts.append(try await draft(world, nomination: "vozhatyi")) }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for application in drafts {
                    group.addTask {
                        (try? await world.services.applications.submit(
                            world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-3600))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "quota_per_organisation is 1")
            let extra = try await draft(world, nomination: "vozhatyi")
            do {
                _ = try await world.services.applications.submit(world.coordinator, id: extra.id, now: world.closes.addingTimeInterval(-3600))
                Issue.record("the quota was exceeded")
            } catch let error as InvalidInput {
                #expect(error.problems.map(\.message) == ["Квота организации в номинации «Вожатый года» исчерпана: не более 1 заявки"])
            }
        }
    }

    @Test func lateIsLateAtTheExactClosingInstant() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let application = try await draft(world, nomination: "vozhatyi")
            await #expect(throws: InvalidInput.self) {
                try await world.services.applications.submit(world.coordinator, id: application.id, now: world.closes)
            }
            let submitted = try await world.services.applications.submit(
                world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-0.001))
            #expect(submitted.status == .submitted)
        }
    }

    @Test func missingConsentAndIneligiblePeopleAreRefusedNamingTheRule() async throws {
        try await withWorld("luchshii-molodoi-specialist") { world in
            let application = try await draft(
                world, nomination: "molodoi", members: [Self.member(born: "1990-09-01", started: "2021-09-01")], consent: false)
            do {
                _ = try await world.services.applications.submit(world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-60))
                Issue.record("an ineligible application was submitted")
            } catch let error as InvalidInput {
                #expect(
                    error.problems.map(\.message) == [
                        "Нет согласия на обработку персональных данных (152-ФЗ): без него заявка не принимается",
                        "Петрова Анна Сергеевна: на 01.09.2026 возраст 36 лет, положение допускает не старше 35",
                        "Петрова Анна Сергеевна: на 01.09.2026 педагогический стаж 5 лет, положение допускает не более 3",
                    ])
            }
            #expect(try await world.services.applications.get(admin, id: application.id).status == .draft, "nothing changed")
        }
    }

    @Test func anotherOrganisationsCoordinatorCanDoNothingWithIt() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let application = try await draft(world, nomination: "vozhatyi")
            let stranger = RequestOrigin(actor: Actor(userID: 78, login: "x", roles: [.coordinator], organisationID: world.other.id))
            await #expect(throws: ServiceError.notFound) { try await world.services.applications.get(stranger, id: application.id) }
            await #expect(throws: ServiceError.notFound) { try await world.services.applications.submit(stranger, id: application.id) }
            await #expect(throws: ServiceError.forbidden) {
                try await world.services.applications.decide(stranger, id: application.id, decision: .admit, reason: nil)
            }
            #expect(try await world.services.applications.list(stranger).isEmpty)
            #expect(try await world.services.applications.list(world.coordinator).map(\.id) == [application.id])
        }
    }

    @Test func aWithdrawnApplicationFreesTheQuota() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let first = try await draft(world, nomination: "vozhatyi")
            _ = try await world.services.applications.submit(world.coordinator, id: first.id, now: world.closes.addingTimeInterval(-60))
            await #expect(throws: InvalidInput.self) { try await world.services.applications.withdraw(world.coordinator, id: first.id, reason: "  ") }
            let withdrawn = try await world.services.applications.withdraw(world.coordinator, id: first.id, reason: "Участница заболела")
            #expect(withdrawn.status == .withdrawn && withdrawn.reason == "Участница заболела")
            let second = try await draft(world, nomination: "vozhatyi")
            #expect(
                try await world.services.applications.submit(world.coordinator, id: second.id, now: world.closes.addingTimeInterval(-30)).status
                    == .submitted)
            await #expect(throws: ServiceError.conflict("заявку в состоянии «отозвана» отозвать нельзя")) {
                try await world.services.applications.withdraw(world.coordinator, id: first.id, reason: "ещё раз")
            }
        }
    }

    @Test func theDepartmentAdmitsOrReturnsWithAReasonTheOrganisationSees() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let application = try await draft(world, nomination: "vozhatyi")
            _ = try await world.services.applications.submit(world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-60))
            await #expect(throws: InvalidInput.self) {
                try await world.services.applications.decide(admin, id: application.id, decision: .return, reason: " ")
            }
            _ = try await world.services.applications.decide(
                admin, id: application.id, decision: .return, reason: "Нет подписи руководителя", now: world.closes.addingTimeInterval(-50))
            let seen = try await world.services.applications.get(world.coordinator, id: application.id)
            #expect(seen.status == .returned && seen.reason == "Нет подписи руководителя")
            _ = try await world.services.applications.submit(world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-30))
            await #expect(
                throws: ServiceError.conflict(
                    "вернуть на доработку можно только до окончания приёма заявок; примите решение «допустить» или «не допускать»"),
                "returning for correction is for before the deadline"
            ) {
                try await world.services.applications.decide(admin, id: application.id, decision: .return, reason: "Ещё", now: world.closes)
            }
            let admitted = try await world.services.applications.decide(admin, id: application.id, decision: .admit, reason: nil)
            #expect(admitted.status == .admitted)
            #expect(try await world.services.applications.get(world.coordinator, id: application.id).status.title == "допущена")
        }
    }

    @Test func documentsAreCheckedStoredAndServedOnlyToThoseAllowed() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let application = try await world.services.applications.create(
                world.coordinator, contestID: world.contest.id, nomination: "vozhatyi", organisationID: nil,
                content: .init(members: [Self.member()], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: []))
            let submitAt = world.closes.addingTimeInterval(-60)
            let missing = await #expect(throws: InvalidInput.self) {
                try await world.services.applications.submit(world.coordinator, id: application.id, now: submitAt)
            }
            #expect(
                missing?.problems.map(\.message) == [
                    "Не приложен обязательный документ «Портфолио «Я — вожатый» (PDF)»", "Положение требует ссылку на видеоролик",
                ])

            let lying = ByteBuffer(string: "<html><script>alert(1)</script></html>")
            await #expect(throws: InvalidInput.self) {
                try await world.services.applications.attach(
                    world.coordinator, applicationID: application.id, kind: "portfolio", fileName: "p.pdf", content: lying)
            }
            await #expect(throws: InvalidInput.self, "a kind the regulation does not declare") {
                try await world.services.applications.attach(
                    world.coordinator, applicationID: application.id, kind: "diplom", fileName: "p.pdf", content: Self.pdf)
            }
            let stranger = RequestOrigin(actor: Actor(userID: 78, login: "x", roles: [.coordinator], organisationID: world.other.id))
            await #expect(throws: ServiceError.notFound) {
                try await world.services.applications.uploadAllowance(stranger, applicationID: application.id)
            }
            let stored = try await world.services.applications.attach(
                world.coordinator, applicationID: application.id, kind: "portfolio", fileName: "Портфолио Петровой.pdf", content: Self.pdf)
            #expect(stored.format == .pdf && stored.size == Self.pdf.readableBytes)
            let (found, bytes) = try await world.services.applications.download(world.coordinator, documentID: stored.id)
            #expect(found.fileName == "Портфолио Петровой.pdf" && bytes == Self.pdf)
            await #expect(throws: ServiceError.notFound) { try await world.services.applications.download(stranger, documentID: stored.id) }
            await #expect(throws: ServiceError.notFound) { try await world.services.applications.removeDocument(stranger, documentID: stored.id) }

            _ = try await world.services.applications.update(
                world.coordinator, id: application.id,
                content: .init(
                    members: [Self.member()], consentProcessing: true, consentPublication: ["full_name"], selfNominated: false,
                    videoLinks: ["https://rutube.ru/video/abc"]))
            let submitted = try await world.services.applications.submit(world.coordinator, id: application.id, now: submitAt)
            #expect(submitted.status == .submitted)
            await #expect(
                throws: ServiceError.conflict("заявку в состоянии «подана» изменить нельзя"), "a submitted application's documents are fixed"
            ) {
                try await world.services.applications.removeDocument(world.coordinator, documentID: stored.id)
            }
        }
    }

    @Test func filesAreLimitedPerApplication() async throws {
        let database = try await TestCluster.shared.migratedDatabase()
        try await database.withDatabase { database in
            let limits = ApplicationService.DocumentLimits(perFile: 40, perApplication: 60, filesPerApplication: 3)
            let services = ApplicationService(database: database, documentLimits: limits)
            let all = KonkursServices(database: database, hasher: PasswordHasher(cost: 4))
            let contest = try await all.contests.create(admin, regulation: Self.regulation("vozhatyi-goda"), fileName: "r.yaml")
            _ = try await all.contests.schedule(admin, id: contest.id, opens: "2026-03-01 09:00", closes: "2099-03-20 18:00")
            _ = try await all.contests.transition(admin, id: contest.id, to: .announced)
            let school = try await all.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            let application = try await services.create(
                admin, contestID: contest.id, nomination: "vozhatyi", organisationID: school.id,
                content: .init(
                    members: [Self.member()], consentProcessing: true, consentPublication: nil, selfNominated: false, videoLinks: []))
            let thirty = ByteBuffer(bytes: Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: 25))
            #expect(try await services.uploadAllowance(admin, applicationID: application.id) == 40)
            _ = try await services.attach(admin, applicationID: application.id, kind: "other", fileName: "a.pdf", content: thirty)
            #expect(try await services.uploadAllowance(admin, applicationID: application.id) == 30, "60 per application, 30 used")
            _ = try await services.attach(admin, applicationID: application.id, kind: "other", fileName: "b.pdf", content: thirty)
            await #expect(throws: ServiceError.conflict("файлы заявки уже занимают 1 КБ — это предел; удалите лишние")) {
                try await services.uploadAllowance(admin, applicationID: application.id)
            }
            await #expect(throws: ServiceError.conflict("файлы заявки уже занимают 1 КБ — это предел; удалите лишние")) {
                try await services.attach(admin, applicationID: application.id, kind: "other", fileName: "c.pdf", content: Self.pdf)
            }
            #expect(
                try await services.documents(admin, applicationID: application.id).map(\.fileName) == ["a.pdf", "b.pdf"], "nothing stored partially")
        }
    }

    @Test func nominationsWithTooFewEntriesAreMarkedNotHeldWhenApplicationsClose() async throws {
        try await withWorld("vozhatyi-goda") { world in
            let application = try await draft(world, nomination: "vozhatyi")
            _ = try await world.services.applications.submit(world.coordinator, id: application.id, now: world.closes.addingTimeInterval(-60))
            try await world.services.contests.applySchedule(now: world.closes)
            let closed = try await world.services.contests.get(admin, id: world.contest.id)
            #expect(closed.phase == .applicationsClosed)
            #expect(closed.notHeld == ["vozhatyi": "не проводится: подано заявок 1, положение требует не менее 3"])
        }
    }

    @Test func typedTextIsKeptAsTypedAndBadLinksAreRefused() async throws {
        try await withWorld("vozhatyi-goda") { world in
            var member = Self.member()
            member.surname = "  <script>alert('x')</script>  "
            let application = try await world.services.applications.create(
                world.coordinator, contestID: world.contest.id, nomination: "vozhatyi", organisationID: nil,
                content: .init(members: [member], consentProcessing: true, consentPublication: nil, selfNominated: false, videoLinks: []))
            #expect(application.members[0].surname == "<script>alert('x')</script>", "stored trimmed but verbatim; pages escape it")
            let refused = await #expect(throws: InvalidInput.self) {
                try await world.services.applications.update(
                    world.coordinator, id: application.id,
                    content: .init(
                        members: [Self.member(born: "2030-01-01")], consentProcessing: true, consentPublication: ["home_address"],
                        selfNominated: true,
                        videoLinks: ["javascript:alert(1)"]))
            }
            #expect(refused?.problems.map(\.field) == ["consent_publication", "video_links[0]", "self_nominated"])

            #expect(
                try await world.services.applications.get(world.coordinator, id: application.id).members[0].surname == "<script>alert('x')</script>")
        }
    }
}
