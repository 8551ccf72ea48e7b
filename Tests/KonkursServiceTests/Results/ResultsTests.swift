import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Protocols, appeals, approval, publication and diplomas on a two-stage edition, against a real database.
@Suite struct ResultsTests {
    static let regulation = try! Repository.fixture("regulations/two-stage-results.yaml")

    /// The same edition with the usual window: three days from the first signing of the final protocol.
    static let signingWindow = regulation.replacingOccurrences(of: "appeals: {days: 3, from: publication}", with: "appeals: {days: 3}")

    let admin = KonkursServices.commandLine
    let jury = JuryTests()

    /// The chair alone scores stage `stage` with `marks` by application index, submits, and the stage closes.
    func score(_ world: JuryTests.World, stage trial: String, criterion: String, marks: [Int: String]) async throws {
        let chair = world.origin(world.jurors.last!)
        _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageActive)
        for index in marks.keys.sorted() {
            try await world.services.jury.setAssignment(
                admin, contestID: world.contest.id, applicationID: world.applications[index].id, userID: world.jurors.last!.id, assigned: true)
        }
        try await world.services.jury.confirmNoConflict(chair, contestID: world.contest.id)
        for (index, mark) in marks.sorted(by: { $0.key < $1.key }) {
            let application = world.applications[index].id
            _ = try await world.services.scores.save(
                chair, applicationID: application, trial: trial, marks: [criterion: mark], comments: [:], expectedVersion: 0)
            _ = try await world.services.scores.submit(chair, applicationID: application, trial: trial, idempotencyKey: nil)
        }
        _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored)
    }

    /// Draws up the protocol and has the chair and one member sign it.
    func signProtocol(_ world: JuryTests.World, note: String? = nil) async throws -> StoredProtocol {
        let drawn = try await world.services.protocols.draw(admin, contestID: world.contest.id, note: note)
        _ = try await world.services.protocols.sign(world.origin(world.jurors.last!), protocolID: drawn.id)
        let signed = try await world.services.protocols.sign(world.origin(world.jurors[0]), protocolID: drawn.id)
        #expect(signed.stored.status == .signed)
        return signed.stored
    }

    func user(_ world: JuryTests.World, _ login: String, roles: [String], organisation: Int64? = nil) async throws -> RequestOrigin {
        let (account, _) = try await world.services.users.add(
            admin, try UserDraft.validated(login: login, fullName: login, email: nil, organisationID: organisation, roles: roles))
        return RequestOrigin(actor: account.actor)
    }

    /// An edition of three schools' entries, the first of which consented to its name and organisation.
    struct Edition {
        let world: JuryTests.World
        let first: Int64
        let second: Int64
        let coordinator: RequestOrigin
        var services: KonkursServices { world.services }
        var contest: Int64 { world.contest.id }
    }

    func withEdition(_ body: (Edition) async throws -> Void) async throws {
        try await jury.withWorld(entries: 3, jurorCount: 1, regulation: Self.regulation) { world in
            let (first, second) = (world.applications[0].id, world.applications[1].id)
            let coordinator = try await user(world, "coordinator0", roles: ["coordinator"], organisation: world.organisations[0].id)
            let consent = #"["full_name", "organisation"]"#
            try await world.services.database.client.query(
                "UPDATE applications SET consent_publication = \(consent)::jsonb WHERE id = \(first)", logger: TestCluster.logger)
            try await body(Edition(world: world, first: first, second: second, coordinator: coordinator))
        }
    }

    /// Stage 1 (the third does not advance) and stage 2 (5 + 9 = 6 + 8, a tie the chair decides for
    /// the second), each protocol signed: the final protocol.
    func signedFinal(_ edition: Edition) async throws -> StoredProtocol {
        try await score(edition.world, stage: "t1", criterion: "a", marks: [0: "9", 1: "8", 2: "3"])
        _ = try await signProtocol(edition.world)
        try await score(edition.world, stage: "t2", criterion: "b", marks: [0: "5", 1: "6"])
        try await edition.services.results.recordDecisions(
            admin, contestID: edition.contest,
            text: """
                ties:
                  - {nomination: main, method: chair, order: ["\(edition.second)", "\(edition.first)"], note: Решающий голос председателя}
                """)
        return try await signProtocol(edition.world)
    }

    /// The final protocol approved, asked for by the command line and confirmed by another secretary.
    func published(_ edition: Edition) async throws -> (final: StoredProtocol, confirming: RequestOrigin) {
        let final = try await signedFinal(edition)
        _ = try await edition.services.publications.approve(admin, contestID: edition.contest, order: "45-од", date: "2026-12-01")
        _ = try await edition.services.publications.request(admin, contestID: edition.contest, note: nil)
        let secretary = try await user(edition.world, "secretary2", roles: ["secretary"])
        _ = try await edition.services.publications.confirm(secretary, contestID: edition.contest)
        return (final, secretary)
    }

    /// The first school's appeal upheld (stage 2's mark 5 → 7 makes it the winner), the next protocol
    /// signed and published as a correction.
    func correctedByAppeal(_ edition: Edition) async throws -> (appeal: Appeal, final: StoredProtocol) {
        let (final, secretary) = try await published(edition)
        let services = edition.services
        let appeal = try await services.appeals.file(edition.coordinator, applicationID: edition.first, text: "Просим пересмотреть оценку занятия")
        _ = try await services.appeals.decide(
            try await user(edition.world, "commission", roles: ["counting"]), appealID: appeal.id, changed: true,
            decision: "Оценка занятия пересмотрена",
            corrections: [.init(juror: edition.world.jurors.last!.login, trial: "t2", criterion: "b", mark: "7")])
        let corrected = try await services.protocols.list(admin, contestID: edition.contest)[0].stored
        _ = try await services.protocols.sign(edition.world.origin(edition.world.jurors.last!), protocolID: corrected.id)
        _ = try await services.protocols.sign(edition.world.origin(edition.world.jurors[0]), protocolID: corrected.id)
        _ = try await services.publications.request(admin, contestID: edition.contest, note: "Апелляция № \(appeal.id) удовлетворена")
        _ = try await services.publications.confirm(secretary, contestID: edition.contest)
        return (appeal, final)
    }

    @Test func aTieAtTheTopIsSignedOnlyWithTheChairsDecision() async throws {
        try await withEdition { edition in
            let services = edition.services
            try await score(edition.world, stage: "t1", criterion: "a", marks: [0: "9", 1: "8", 2: "3"])
            let stageOne = try await signProtocol(edition.world)
            #expect(!stageOne.final)
            await #expect(throws: ServiceError.conflict("протокол № 1 подписан: подписывать нечего")) {
                try await services.protocols.sign(edition.world.origin(edition.world.jurors.last!), protocolID: stageOne.id)
            }
            try await score(edition.world, stage: "t2", criterion: "b", marks: [0: "5", 1: "6"])
            await #expect(
                throws: ServiceError.conflict(
                    "в номинации «Основная» равенство баллов (1, 2) требует решения (decision chair): запишите его в файл решений"),
                "a pending tie is not signed"
            ) {
                try await services.protocols.draw(admin, contestID: edition.contest, note: nil)
            }
            try await services.results.recordDecisions(
                admin, contestID: edition.contest,
                text: """
                    ties:
                      - {nomination: main, method: chair, order: ["\(edition.second)", "\(edition.first)"], note: Решающий голос председателя}
                    """)
            let final = try await signProtocol(edition.world)
            #expect(final.final && final.version == 2)
            let print = String(decoding: try await services.protocols.render(admin, protocolID: final.id, as: .html).bytes, as: UTF8.self)
            #expect(print.contains("Решающий голос председателя") && print.contains(final.sha256) && print.contains("Устойчивость результата"))
        }
    }

    @Test func publicationNeedsTheOrderAndASecondPersonAndShowsOnlyWhatWasConsented() async throws {
        try await withEdition { edition in
            let services = edition.services
            _ = try await signedFinal(edition)
            // Appeals here are counted from the publication (an upheld one leads to a correction).
            await #expect(throws: ServiceError.conflict("апелляции принимаются после публикации итогов")) {
                try await services.appeals.file(edition.coordinator, applicationID: edition.first, text: "Рано")
            }
            await #expect(throws: ServiceError.conflict("нет приказа об утверждении итогов: сначала внесите его номер и дату")) {
                try await services.publications.request(admin, contestID: edition.contest, note: nil)
            }
            _ = try await services.publications.approve(admin, contestID: edition.contest, order: "45-од", date: "2026-12-01")
            _ = try await services.publications.request(admin, contestID: edition.contest, note: nil)
            await #expect(
                throws: ServiceError.conflict("публикацию подтверждает другой сотрудник (правило двух подписей): запросил(а) konkurs-cli"),
                "the one who asked cannot confirm"
            ) {
                try await services.publications.confirm(admin, contestID: edition.contest)
            }
            _ = try await services.publications.confirm(try await user(edition.world, "secretary2", roles: ["secretary"]), contestID: edition.contest)
            #expect(try await services.contests.get(admin, id: edition.contest).phase == .published)
            let page = try #require(try await services.publications.current(contestID: edition.contest))
            #expect(page.publicHTML.contains("Участник 1"), "the winner published nothing")
            #expect(page.publicHTML.contains("Участник0 Имя") && page.publicHTML.contains("Школа 0"), "the second consented to name and organisation")
            #expect(!page.publicHTML.contains("Участник1 Имя") && !page.publicHTML.contains("Участник2 Имя"))
        }
    }

    @Test func anUpheldAppealChangesThePlaceAndIsRepublishedAsACorrection() async throws {
        try await withEdition { edition in
            let services = edition.services
            let (final, secretary) = try await published(edition)
            await #expect(throws: ServiceError.notFound, "an organisation appeals only for its own") {
                try await services.appeals.file(edition.coordinator, applicationID: edition.second, text: "Не согласны")
            }
            let late = await #expect(throws: ServiceError.self, "after the window") {
                try await services.appeals.file(
                    edition.coordinator, applicationID: edition.first, text: "Поздно", now: Date().addingTimeInterval(4 * 86_400))
            }
            #expect(late?.message.hasPrefix("срок подачи апелляций истёк") == true, "\(String(describing: late))")
            let appeal = try await services.appeals.file(
                edition.coordinator, applicationID: edition.first, text: "Просим пересмотреть оценку занятия")
            let commission = try await user(edition.world, "commission", roles: ["counting"])
            let juryMember = try await user(edition.world, "jury-counting", roles: ["counting", "juror"])
            _ = try await services.jury.setMember(
                admin, panelID: edition.world.panel.id, login: "jury-counting", role: .secretary, organisationID: nil)
            await #expect(
                throws: ServiceError.conflict("член жюри этого конкурса не может рассматривать апелляцию: решение принимает комиссия вне жюри"),
                "a jury member is not the commission"
            ) {
                try await services.appeals.decide(juryMember, appealID: appeal.id, changed: false, decision: "Отклонить", corrections: [])
            }
            let decided = try await services.appeals.decide(
                commission, appealID: appeal.id, changed: true, decision: "Оценка занятия пересмотрена",
                corrections: [.init(juror: edition.world.jurors.last!.login, trial: "t2", criterion: "b", mark: "7")])
            #expect(decided.status == .changed && decided.protocolVersion == 3)
            await #expect(throws: ServiceError.conflict("апелляция № 1 уже рассмотрена: удовлетворена: баллы изменены"), "decided once") {
                try await services.appeals.decide(commission, appealID: appeal.id, changed: false, decision: "Ещё раз", corrections: [])
            }
            let corrected = try await services.protocols.list(admin, contestID: edition.contest)[0].stored
            #expect(corrected.supersedes == 2 && corrected.status == .draft)
            _ = try await services.protocols.sign(edition.world.origin(edition.world.jurors.last!), protocolID: corrected.id)
            _ = try await services.protocols.sign(edition.world.origin(edition.world.jurors[0]), protocolID: corrected.id)
            let versions = try await services.protocols.list(admin, contestID: edition.contest).map { ($0.stored.version, $0.stored.status) }
            #expect(
                versions.map(\.0) == [3, 2, 1] && versions.map(\.1) == [.signed, .superseded, .signed], "the stage protocol is another document")

            // Republication as a correction with a note; the old version stays readable.
            await #expect(throws: InvalidInput.self) { try await services.publications.request(admin, contestID: edition.contest, note: nil) }
            _ = try await services.publications.request(admin, contestID: edition.contest, note: "Апелляция № \(appeal.id) удовлетворена")
            _ = try await services.publications.confirm(secretary, contestID: edition.contest)
            let page = try #require(try await services.publications.current(contestID: edition.contest))
            #expect(page.version == 2 && page.publicHTML.contains("Апелляция № \(appeal.id) удовлетворена"))
            let rows = page.publicHTML.components(separatedBy: "<tr>").dropFirst(2)
            #expect(rows.first?.contains("Участник0 Имя") == true && rows.first?.contains("Победитель") == true, "the appeal changed the place")
            _ = try await services.protocols.render(admin, protocolID: final.id, as: .html)
        }
    }

    @Test func diplomasAreNumberedOnceAndAWithdrawnConsentLeavesEveryPublication() async throws {
        try await withEdition { edition in
            let services = edition.services
            _ = try await correctedByAppeal(edition)
            // Numbered, the name as entered; a coordinator gets only their own.
            let all = try await services.diplomas.render(admin, contestID: edition.contest)
            #expect(all.contains("Участник0 Имя") && all.contains("Участник1 Имя") && all.contains("size:A4 landscape"), "\(all)")
            #expect(all.contains("№ 2026-004") && !all.contains("№ 2026-001"), "a changed award gets a new number; a number is never reused")
            let own = try await services.diplomas.render(edition.coordinator, contestID: edition.contest)
            #expect(own.contains("Участник0 Имя") && !own.contains("Участник1 Имя"))
            await #expect(throws: InvalidInput.self) {
                try await services.diplomas.setTemplate(
                    admin, contestID: edition.contest, award: "winner", text: "ДИПЛОМ {{name}} {{surname_dative}}")
            }
            // Withdrawing the consent removes the fields from every publication at once.
            try await services.publications.withdrawConsent(edition.coordinator, applicationID: edition.first)
            for publication in try await services.publications.publications(admin, contestID: edition.contest) {
                #expect(!publication.publicHTML.contains("Участник0 Имя") && !publication.publicJSON.contains("Школа 0"))
            }
        }
    }

    /// With the window counted from the signing, the results become final, are approved and published
    /// only once it is over; an appeal comes within it, never after the window or the publication.
    @Test func theAppealWindowKeepsTheResultsOpenUntilItEnds() async throws {
        try await jury.withWorld(entries: 3, jurorCount: 1, regulation: Self.signingWindow) { world in
            let services = world.services
            let contest = world.contest.id
            let first = world.applications[0].id
            let coordinator = try await user(world, "coordinator0", roles: ["coordinator"], organisation: world.organisations[0].id)
            try await score(world, stage: "t1", criterion: "a", marks: [0: "9", 1: "8", 2: "3"])
            _ = try await signProtocol(world)
            try await score(world, stage: "t2", criterion: "b", marks: [0: "9", 1: "4"])
            await #expect(throws: ServiceError.conflict("апелляции принимаются после подписания итогового протокола")) {
                try await services.appeals.file(coordinator, applicationID: first, text: "Рано")
            }
            let final = try await signProtocol(world)
            let signedAt = try #require(try await services.protocols.get(admin, protocolID: final.id).stored.signedAt)
            let windowEnd = signedAt.addingTimeInterval(3 * 86_400)
            let stillOpen =
                "идёт срок подачи апелляций (до \(LocalMoment.text(windowEnd, timeZone: "Asia/Vladivostok"))): итоги становятся окончательными после него"

            await #expect(throws: ServiceError.conflict(stillOpen)) {
                try await services.publications.approve(admin, contestID: contest, order: "45-од", date: "2026-12-01")
            }
            _ = try await services.contests.transition(admin, id: contest, to: .appealWindow)
            await #expect(throws: ServiceError.conflict(stillOpen)) { try await services.contests.transition(admin, id: contest, to: .resultsFinal) }
            #expect(try await services.contests.get(admin, id: contest).phase == .appealWindow)

            let appeal = try await services.appeals.file(coordinator, applicationID: first, text: "Просим пересмотреть")
            let late = "срок подачи апелляций истёк \(LocalMoment.text(windowEnd, timeZone: "Asia/Vladivostok")) (время конкурса)"
            await #expect(throws: ServiceError.conflict(late)) {
                try await services.appeals.file(coordinator, applicationID: first, text: "Поздно", now: windowEnd.addingTimeInterval(1))
            }
            await #expect(throws: ServiceError.conflict("есть нерассмотренные апелляции: сначала решение комиссии")) {
                try await services.publications.approve(
                    admin, contestID: contest, order: "45-од", date: "2026-12-01", now: windowEnd.addingTimeInterval(1))
            }
            let commission = try await user(world, "commission", roles: ["counting"])
            _ = try await services.appeals.decide(commission, appealID: appeal.id, changed: false, decision: "Оснований нет", corrections: [])

            _ = try await services.publications.approve(
                admin, contestID: contest, order: "45-од", date: "2026-12-01", now: windowEnd.addingTimeInterval(1))
            _ = try await services.publications.request(admin, contestID: contest, note: nil)
            _ = try await services.publications.confirm(try await user(world, "secretary2", roles: ["secretary"]), contestID: contest)
            await #expect(throws: ServiceError.conflict("итоги опубликованы: апелляции по ним больше не принимаются")) {
                try await services.appeals.file(coordinator, applicationID: first, text: "После публикации", now: signedAt.addingTimeInterval(60))
            }
            let filed = try await services.appeals.list(admin, contestID: contest)
            #expect(filed.map(\.id) == [appeal.id], "nothing but the appeal within the window was filed")
        }
    }
}
