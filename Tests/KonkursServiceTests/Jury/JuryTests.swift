import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Panels, conflicts, assignments and score sheets against a real database.
@Suite struct JuryTests {
    static let regulation = """
        format: konkurs/1
        contest: Конкурс жюри
        edition: "2026"
        jury: {per_application: 3, recusal: replace, comment_at_extremes: true, disagreement: 4}
        nominations:
          - {id: main, title: Основная, minimum_entrants: 1}
        stages:
          - id: s1
            title: Заочный этап
            advancement: {top: 2}
            trials:
              - id: t1
                title: Портфолио
                criteria:
                  - {id: a, title: Опыт, min: 0, max: 10}
                  - {id: b, title: Методика, min: 0, max: 5, step: 0.5}
              - id: t2
                title: Видео
                criteria:
                  - {id: c, title: Тема, min: 0, max: 5}
          - id: s2
            title: Очный этап
            trials:
              - {id: t3, title: Занятие, criteria: [{id: d, title: Занятие, min: 0, max: 10}]}
        """

    let admin = KonkursServices.commandLine

    struct World {
        let services: KonkursServices
        let contest: ContestEdition
        let applications: [Application]
        let organisations: [Organisation]
        let jurors: [UserAccount]
        let panel: Panel

        func origin(_ juror: UserAccount) -> RequestOrigin { RequestOrigin(actor: juror.actor) }
    }

    /// An edition in admission review with `entries` admitted applications from different schools,
    /// and a panel of `jurorCount` jurors (the first works at the first school; the second shares a
    /// name with the second application's nominee) plus a chair.
    func withWorld(entries: Int = 4, jurorCount: Int = 5, regulation: String = Self.regulation, _ body: (World) async throws -> Void) async throws {
        try await withServices { services, database in
            let contest = try await services.contests.create(admin, regulation: regulation, fileName: "r.yaml")
            _ = try await services.contests.schedule(admin, id: contest.id, opens: "2026-01-01 09:00", closes: "2099-01-01 09:00")
            _ = try await services.contests.transition(admin, id: contest.id, to: .announced)
            try await services.contests.applySchedule()
            var organisations: [Organisation] = []
            var applications: [Application] = []
            for index in 0..<entries {
                let school = try await services.organisations.create(
                    admin, OrganisationDraft(fullName: "Школа \(index)", shortName: "Школа \(index)", kind: .school))
                organisations.append(school)
                let member = Application.Member(
                    role: .nominee, surname: "Участник\(index)", name: "Имя", patronymic: nil, birthDate: "1990-01-01", position: "Учитель",
                    subject: nil,
                    experienceStart: "2015-09-01", category: nil, contacts: nil)
                let application = try await services.applications.create(
                    admin, contestID: contest.id, nomination: "main", organisationID: school.id,
                    content: .init(members: [member], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: []))
                _ = try await services.applications.submit(admin, id: application.id)
                applications.append(try await services.applications.decide(admin, id: application.id, decision: .admit, reason: nil))
            }
            _ = try await services.contests.transition(admin, id: contest.id, to: .applicationsClosed)
            _ = try await services.contests.transition(admin, id: contest.id, to: .admissionReview)
            var jurors: [UserAccount] = []
            for index in 0..<jurorCount {
                let name = index == 1 && entries > 1 ? "Участник1 Имя" : "Член жюри \(index)"
                let (account, _) = try await services.users.add(
                    admin,
                    try UserDraft.validated(
                        login: "juror\(index)", fullName: name, email: nil, organisationID: index == 0 && entries > 1 ? organisations[0].id : nil,
                        roles: ["juror"]))
                jurors.append(account)
            }
            let (chair, _) = try await services.users.add(
                admin, try UserDraft.validated(login: "chair", fullName: "Председатель", email: nil, organisationID: nil, roles: ["chair"]))
            let panel = try await services.jury.createPanel(
                admin, contestID: contest.id, title: "Жюри", stage: nil, nomination: nil, orderNumber: "№ 12-од", orderDate: "2026-02-01")
            for juror in jurors {
                _ = try await services.jury.setMember(admin, panelID: panel.id, login: juror.login, role: .member, organisationID: nil)
            }
            let full = try await services.jury.setMember(admin, panelID: panel.id, login: chair.login, role: .chair, organisationID: nil)
            try await body(
                World(
                    services: services, contest: try await services.contests.get(admin, id: contest.id), applications: applications,
                    organisations: organisations,
                    jurors: jurors + [chair], panel: full))
        }
    }

    func startStage(_ world: World) async throws {
        _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageActive)
    }

    /// Assigns `application` to every juror but the chair, then starts the stage.
    func startStage(_ world: World, assigningEveryMemberTo application: Int64) async throws {
        for juror in world.jurors.dropLast() {
            try await world.services.jury.setAssignment(
                admin, contestID: world.contest.id, applicationID: application, userID: juror.id, assigned: true)
        }
        try await startStage(world)
    }

    func assigned(_ world: World, _ juror: UserAccount) async throws -> [Int64] {
        try await world.services.scores.work(world.origin(juror)).map(\.application.id)
    }

    @Test func assignmentGivesEveryApplicationThreeJurorsAndNobodyTheirOwn() async throws {
        try await withWorld { world in
            let plan = try await world.services.jury.assign(admin, contestID: world.contest.id)
            #expect(plan.shortages.isEmpty)
            #expect(plan.added.count == 4 * 3)
            let byApplication = Dictionary(grouping: plan.added, by: \.application)
            #expect(byApplication.values.allSatisfy { $0.count == 3 })
            #expect(!plan.added.contains(.init(application: world.applications[0].id, juror: world.jurors[0].id)), "own organisation")
            #expect(!plan.added.contains(.init(application: world.applications[1].id, juror: world.jurors[1].id)), "the juror is the nominee")
            let loads = Dictionary(grouping: plan.added, by: \.juror).values.map(\.count)
            #expect(loads.max()! - loads.min()! <= 1, "balanced")
            #expect(try await world.services.jury.assign(admin, contestID: world.contest.id).added.isEmpty, "assigning again changes nothing")
            let conflicts = try await world.services.database.client.withConnection {
                try await JuryQueries.conflicts($0, contestID: world.contest.id, logger: TestCluster.logger)
            }
            #expect(Set(conflicts.map(\.kind)) == [.organisation, .participant])
        }
    }

    /// A juror of an automatically assigned stage, with the application assigned to them; the
    /// conflict confirmation given when `confirmed`.
    func sheetOwner(_ world: World, confirmed: Bool = true) async throws -> (me: RequestOrigin, application: Int64) {
        _ = try await world.services.jury.assign(admin, contestID: world.contest.id)
        try await startStage(world)
        let juror = try #require(try await asyncFirst(world.jurors.dropLast()) { try await !self.assigned(world, $0).isEmpty })
        let me = world.origin(juror)
        if confirmed { try await world.services.jury.confirmNoConflict(me, contestID: world.contest.id) }
        return (me, try await assigned(world, juror)[0])
    }

    @Test func aSheetIsSavedOnlyAfterTheConflictConfirmationAndOnlyWithMarksOnItsScales() async throws {
        try await withWorld { world in
            let (me, application) = try await sheetOwner(world, confirmed: false)
            let scores = world.services.scores
            await #expect(throws: ServiceError.conflict("сначала подтвердите, что у вас нет конфликта интересов с участниками этого этапа")) {
                try await scores.save(me, applicationID: application, trial: "t1", marks: ["a": "7"], comments: [:], expectedVersion: 0)
            }
            try await world.services.jury.confirmNoConflict(me, contestID: world.contest.id)
            let bad = await #expect(throws: InvalidInput.self) {
                try await scores.save(
                    me, applicationID: application, trial: "t1", marks: ["a": "11", "b": "2.25", "c": "3"], comments: [:], expectedVersion: 0)
            }
            #expect(
                bad?.problems.map(\.message) == [
                    "«Опыт»: оценка 11 вне шкалы — от 0 до 10 с шагом 1", "«Методика»: оценка 2.25 вне шкалы — от 0 до 5 с шагом 0.5",
                    "Критерия «c» нет в испытании «Портфолио»",
                ])
            let first = try await scores.save(
                me, applicationID: application, trial: "t1", marks: ["a": "7", "b": "4,5"], comments: [:], expectedVersion: 0)
            #expect(first.version == 1 && first.marks == ["a": Rational(7), "b": Rational(9, 2)])
        }
    }

    @Test func aSaveOnAnOlderVersionIsRefusedWithTheSheetAsItIsNow() async throws {
        try await withWorld { world in
            let (me, application) = try await sheetOwner(world)
            let scores = world.services.scores
            _ = try await scores.save(me, applicationID: application, trial: "t1", marks: ["a": "7"], comments: [:], expectedVersion: 0)
            let stale = await #expect(throws: ScoreService.StaleSheet.self, "a second tab still at version 0") {
                try await scores.save(me, applicationID: application, trial: "t1", marks: ["a": "3"], comments: [:], expectedVersion: 0)
            }
            #expect(stale?.current.marks["a"] == Rational(7), "the 409 carries the current values")
            let second = try await scores.save(me, applicationID: application, trial: "t1", marks: ["a": "6"], comments: [:], expectedVersion: 1)
            #expect(second.version == 2 && second.marks["a"] == Rational(6))
        }
    }

    @Test func aSubmitNeedsTheDeclaredCommentsAndHappensOnceWhateverTheRetries() async throws {
        try await withWorld { world in
            let (me, application) = try await sheetOwner(world)
            let scores = world.services.scores
            let saved = try await scores.save(
                me, applicationID: application, trial: "t1", marks: ["a": "10", "b": "4"], comments: [:], expectedVersion: 0)
            let extreme = await #expect(throws: InvalidInput.self) {
                try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: "k1")
            }
            #expect(extreme?.problems.map(\.message) == ["Оценка 10 по критерию «Опыт» — крайняя: положение требует комментарий"])
            _ = try await scores.save(
                me, applicationID: application, trial: "t1", marks: [:], comments: ["a": "Десять лет в лагере"], expectedVersion: saved.version)
            let submitted = try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: "k1")
            #expect(submitted.status == .submitted)
            let retried = try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: "k1")
            #expect(retried == submitted, "a retry after a lost answer changes nothing")
            await #expect(throws: ServiceError.conflict("лист уже сдан")) {
                try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: "k2")
            }
            await #expect(throws: ServiceError.conflict("лист уже сдан: изменить его может только председатель, открыв его заново")) {
                try await scores.save(
                    me, applicationID: application, trial: "t1", marks: ["a": "9"], comments: [:], expectedVersion: submitted.version)
            }
        }
    }

    @Test func onlyTheChairReopensASubmittedSheetAndOnlyWithAReason() async throws {
        try await withWorld { world in
            let (me, application) = try await sheetOwner(world)
            let scores = world.services.scores
            let saved = try await scores.save(
                me, applicationID: application, trial: "t1", marks: ["a": "7", "b": "4"], comments: [:], expectedVersion: 0)
            let submitted = try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: "k1")
            #expect(submitted.version >= saved.version)
            await #expect(throws: ServiceError.forbidden) { try await scores.reopen(me, sheetID: submitted.id, reason: "ошибка") }
            let chair = world.origin(world.jurors.last!)
            await #expect(throws: InvalidInput.self) { try await scores.reopen(chair, sheetID: submitted.id, reason: " ") }
            let reopened = try await scores.reopen(chair, sheetID: submitted.id, reason: "Член жюри перепутал критерии")
            #expect(reopened.status == .draft)
            let corrected = try await scores.save(
                me, applicationID: application, trial: "t1", marks: ["a": "9"], comments: [:], expectedVersion: reopened.version)
            #expect(corrected.marks["a"] == Rational(9), "the juror corrects the reopened sheet")
        }
    }

    @Test func strangersAndConflictedJurorsSeeNothingAndADeclaredConflictIsReplaced() async throws {
        try await withWorld { world in
            _ = try await world.services.jury.assign(admin, contestID: world.contest.id)
            try await startStage(world)
            let ownSchool = world.origin(world.jurors[0])
            try await world.services.jury.confirmNoConflict(ownSchool, contestID: world.contest.id)
            await #expect(throws: ServiceError.notFound, "own organisation's application") {
                try await world.services.scores.sheet(ownSchool, applicationID: world.applications[0].id, trial: "t1")
            }
            let coordinator = RequestOrigin(actor: Actor(userID: 999, login: "c", roles: [.coordinator], organisationID: world.organisations[0].id))
            await #expect(throws: ServiceError.forbidden) {
                try await world.services.scores.sheet(coordinator, applicationID: world.applications[0].id, trial: "t1")
            }

            let juror = world.jurors[2]
            let target = try #require(try await assigned(world, juror).first)
            try await world.services.jury.declareConflict(world.origin(juror), applicationID: target, reason: "Моя бывшая ученица")
            #expect(try await !assigned(world, juror).contains(target))
            await #expect(throws: ServiceError.notFound) {
                try await world.services.scores.sheet(world.origin(juror), applicationID: target, trial: "t1")
            }
            let jurors = try await world.services.database.client.withConnection {
                try await JuryQueries.assignments($0, contestID: world.contest.id, stage: "s1", logger: TestCluster.logger)
            }.filter { $0.applicationID == target }
            #expect(jurors.count == 3, "recusal: replace — another juror took the place")
            #expect(!jurors.contains { $0.userID == juror.id })
        }
    }

    @Test func fiftyJurorsSubmittingAtOnceLoseNothing() async throws {
        try await withWorld(entries: 1, jurorCount: 50) { world in
            let application = world.applications[0].id
            try await startStage(world, assigningEveryMemberTo: application)
            let services = world.services
            let contestID = world.contest.id
            let results = await withTaskGroup(of: Bool.self) { group in
                for (index, juror) in world.jurors.dropLast().enumerated() {
                    group.addTask {
                        let me = RequestOrigin(actor: juror.actor)
                        do {
                            try await services.jury.confirmNoConflict(me, contestID: contestID)
                            let sheet = try await services.scores.save(
                                me, applicationID: application, trial: "t2", marks: ["c": "\(1 + index % 4)"], comments: [:], expectedVersion: 0)
                            _ = try await services.scores.submit(me, applicationID: application, trial: "t2", idempotencyKey: "submit-\(index)")
                            return sheet.version == 1
                        } catch {
                            Issue.record("juror \(index): \(error)")
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.count == 50 && results.allSatisfy { $0 })
            let sheets = try await services.database.client.withConnection {
                try await SheetQueries.list($0, contestID: contestID, stage: "s1", logger: TestCluster.logger)
            }
            #expect(sheets.count == 50 && sheets.allSatisfy { $0.status == .submitted })
            #expect(sheets.map { $0.marks["c"]! }.reduce(Rational.zero) { try! $0.adding($1) } == Rational((0..<50).map { 1 + $0 % 4 }.reduce(0, +)))
        }
    }

    @Test func aDisagreementIsFlaggedAndTheRegulationsExtraJurorIsProposedForTheSecretaryToConfirm() async throws {
        for action in ["flag", "extra_juror"] {
            let regulation = Self.regulation.replacingOccurrences(of: "disagreement: 4}", with: "disagreement: 4, on_disagreement: \(action)}")
            try await withWorld(entries: 1, jurorCount: 5, regulation: regulation) { world in
                let application = world.applications[0].id
                for juror in world.jurors.prefix(2) {
                    try await world.services.jury.setAssignment(
                        admin, contestID: world.contest.id, applicationID: application, userID: juror.id, assigned: true)
                }
                try await startStage(world)
                for (juror, marks) in zip(world.jurors.prefix(2), [["a": "9", "b": "4.5"], ["a": "5", "b": "3.5"]]) {
                    try await world.services.jury.confirmNoConflict(world.origin(juror), contestID: world.contest.id)
                    _ = try await world.services.scores.save(
                        world.origin(juror), applicationID: application, trial: "t1", marks: marks, comments: [:], expectedVersion: 0)
                    _ = try await world.services.scores.submit(world.origin(juror), applicationID: application, trial: "t1", idempotencyKey: nil)
                }
                // Totals 13.5 and 8.5: a spread of 5 is over the regulation’s 4.
                let board = try await world.services.scores.board(admin, contestID: world.contest.id)
                #expect(board.applications[0].disagreements == ["t1": DecimalText.parse("5")!])
                #expect(board.applications[0].proposedJuror == (action == "flag" ? nil : world.jurors[2].id), "\(action)")
                guard let proposed = board.applications[0].proposedJuror else { return }
                try await world.services.jury.setAssignment(
                    admin, contestID: world.contest.id, applicationID: application, userID: proposed, assigned: true)
                let after = try await world.services.scores.board(admin, contestID: world.contest.id)
                #expect(after.applications[0].jurors.count == 3 && after.applications[0].missing == 4, "the added juror owes both trials")
            }
        }
    }

    @Test func aStageWhoseMethodThePlannedPanelCannotFeedIsNotOpened() async throws {
        for (method, problem) in [
            (
                "{method: trimmed_mean, trim: 1, minimum_panel: 5}",
                "«Портфолио»: среднее без крайних оценок считается, только когда оценок не меньше 5"
            ),
            (
                "borda",
                "«Портфолио»: метод Борда сравнивает места, которые каждый член жюри ставит всем участникам, а членов жюри на заявку — 3 (jury.per_application) при составе жюри 6"
            ),
        ] {
            try await refusesToOpen(
                Self.regulation.replacingOccurrences(of: "title: Портфолио", with: "title: Портфолио\n        across_jurors: \(method)"), problem)
        }
    }

    func refusesToOpen(_ regulation: String, _ problem: String) async throws {
        try await withWorld(entries: 1, jurorCount: 5, regulation: regulation) { world in
            let refused = await #expect(throws: ServiceError.self) { try await startStage(world) }
            #expect(refused?.message.contains(problem) == true, "\(refused?.message ?? "")")
            let phase = try await world.services.contests.get(admin, id: world.contest.id).phase
            #expect(phase == .admissionReview)
        }
    }

    @Test func aStageClosesOnlyWhenEverySheetIsInAndALateSubmitCannotSlipIn() async throws {
        try await withWorld(entries: 1, jurorCount: 2) { world in
            let application = world.applications[0].id
            try await startStage(world, assigningEveryMemberTo: application)
            let scores = world.services.scores
            for juror in world.jurors.dropLast() {
                let me = world.origin(juror)
                try await world.services.jury.confirmNoConflict(me, contestID: world.contest.id)
                _ = try await scores.save(
                    me, applicationID: application, trial: "t1", marks: ["a": "5", "b": "3"], comments: [:], expectedVersion: 0)
                _ = try await scores.submit(me, applicationID: application, trial: "t1", idempotencyKey: nil)
            }
            let first = world.origin(world.jurors[0])
            _ = try await scores.save(first, applicationID: application, trial: "t2", marks: ["c": "3"], comments: [:], expectedVersion: 0)
            _ = try await scores.submit(first, applicationID: application, trial: "t2", idempotencyKey: nil)
            let refused = await #expect(throws: ServiceError.self) {
                try await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored)
            }
            #expect(refused?.message.contains("не сдано листов — 1") == true)

            // The last sheet and the close race: whatever order they land in, a closed stage has every sheet.
            let last = world.origin(world.jurors[1])
            let saved = try await scores.save(last, applicationID: application, trial: "t2", marks: ["c": "4"], comments: [:], expectedVersion: 0)
            async let submit: Bool = (try? await scores.submit(last, applicationID: application, trial: "t2", idempotencyKey: nil)) != nil
            async let close: Bool = (try? await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored)) != nil
            let (submitted, closed) = await (submit, close)
            #expect(submitted, "the stage was open when the submit came")
            let phase = try await world.services.contests.get(admin, id: world.contest.id).phase
            #expect(closed == (phase == .stageScored))
            if !closed { _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored) }
            await #expect(
                throws: ServiceError.conflict("этап не идёт: оценки принимаются только пока этап открыт"), "after the close nothing is written"
            ) {
                try await scores.save(
                    last, applicationID: application, trial: "t2", marks: ["c": "1"], comments: [:], expectedVersion: saved.version + 1)
            }
        }
    }

    @Test func jurorsSeeEachOthersMarksOnlyWhereTheRegulationSaysSo() async throws {
        try await withWorld(entries: 1, jurorCount: 2) { world in
            let application = world.applications[0].id
            try await startStage(world, assigningEveryMemberTo: application)
            let (first, second) = (world.origin(world.jurors[0]), world.origin(world.jurors[1]))
            for me in [first, second] { try await world.services.jury.confirmNoConflict(me, contestID: world.contest.id) }
            _ = try await world.services.scores.save(
                first, applicationID: application, trial: "t2", marks: ["c": "4"], comments: [:], expectedVersion: 0)
            _ = try await world.services.scores.submit(first, applicationID: application, trial: "t2", idempotencyKey: nil)
            #expect(
                try await world.services.scores.othersMarks(second, applicationID: application, trial: "t2").isEmpty, "after_close is the default")
        }
    }

    @Test func theNextStageIsAssignedOnlyTheEntriesTheRegulationAdvances() async throws {
        try await withWorld(entries: 3, jurorCount: 3) { world in
            let chair = world.jurors.last!
            // The chair alone scores the first stage, so the marks decide plainly: 2 and 3 advance (top 2).
            for application in world.applications {
                try await world.services.jury.setAssignment(
                    admin, contestID: world.contest.id, applicationID: application.id, userID: chair.id, assigned: true)
            }
            try await startStage(world)
            let me = world.origin(chair)
            try await world.services.jury.confirmNoConflict(me, contestID: world.contest.id)
            for (index, application) in world.applications.enumerated() {
                for (trial, marks) in [("t1", ["a": "\(index + 5)", "b": "3"]), ("t2", ["c": "\(index + 2)"])] {
                    _ = try await world.services.scores.save(
                        me, applicationID: application.id, trial: trial, marks: marks, comments: [:], expectedVersion: 0)
                    _ = try await world.services.scores.submit(me, applicationID: application.id, trial: trial, idempotencyKey: nil)
                }
            }
            _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored)
            await #expect(throws: ServiceError.conflict("протокол этапа ещё не подписан председателем и членами жюри")) {
                try await world.services.contests.transition(admin, id: world.contest.id, to: .protocolSigned)
            }
            let stageProtocol = try await world.services.protocols.draw(admin, contestID: world.contest.id, note: nil)
            for signer in world.jurors.reversed() where try await world.services.contests.get(admin, id: world.contest.id).phase == .stageScored {
                _ = try await world.services.protocols.sign(world.origin(signer), protocolID: stageProtocol.id)
            }
            #expect(try await world.services.contests.get(admin, id: world.contest.id).phase == .protocolSigned, "signing moved the edition on")
            _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageActive)
            #expect(try await world.services.contests.get(admin, id: world.contest.id).currentStage == "s2")
            let plan = try await world.services.jury.assign(admin, contestID: world.contest.id)
            #expect(Set(plan.added.map(\.application)) == Set(world.applications.dropFirst().map(\.id)), "the lowest total does not advance")
        }
    }

    @Test func aMemberWithAnUnknownOrganisationIsRefusedNotAServerError() async throws {
        try await withWorld(entries: 1, jurorCount: 1) { world in
            await #expect(throws: InvalidInput.self, "found by fuzzing: organisation_id 0 was a foreign-key error (500)") {
                try await world.services.jury.setMember(
                    admin, panelID: world.panel.id, login: world.jurors[0].login, role: .member, organisationID: 0)
            }
        }
    }

    @Test func aJurorRemovedMidStageIsRefusedAndNoLongerOwesSheets() async throws {
        try await withWorld(entries: 1, jurorCount: 2) { world in
            let application = world.applications[0].id
            try await startStage(world, assigningEveryMemberTo: application)
            let gone = world.origin(world.jurors[1])
            try await world.services.jury.confirmNoConflict(gone, contestID: world.contest.id)
            try await world.services.jury.removeMember(admin, panelID: world.panel.id, userID: world.jurors[1].id)
            await #expect(throws: ServiceError.conflict("вы исключены из состава жюри: оценки больше не принимаются")) {
                try await world.services.scores.save(
                    gone, applicationID: application, trial: "t1", marks: ["a": "5"], comments: [:], expectedVersion: 0)
            }
            let missing = try await world.services.database.client.withConnection {
                try await SheetQueries.missing($0, contestID: world.contest.id, stage: "s1", trials: ["t1", "t2"], logger: TestCluster.logger)
            }
            #expect(Set(missing.map(\.userID)) == [world.jurors[0].id])
            await #expect(throws: ServiceError.notFound, "removed once; not a member any more") {
                try await world.services.jury.removeMember(admin, panelID: world.panel.id, userID: world.jurors[1].id)
            }
            let outsider = try await world.services.users.add(
                admin, try UserDraft.validated(login: "outsider", fullName: "Не член жюри", email: nil, organisationID: nil, roles: ["juror"])
            ).account
            await #expect(throws: ServiceError.notFound) {
                try await world.services.jury.removeMember(admin, panelID: world.panel.id, userID: outsider.id)
            }
        }
    }

    /// The version a client names is refused outside what a sheet can hold (a 32-bit version was a 500).
    @Test func aVersionOutsideTheSheetsRangeIsRefusedNamingTheField() async throws {
        try await withWorld(entries: 1, jurorCount: 1) { world in
            let application = world.applications[0].id
            let juror = world.jurors[0]
            try await world.services.jury.setAssignment(
                admin, contestID: world.contest.id, applicationID: application, userID: juror.id, assigned: true)
            try await startStage(world)
            try await world.services.jury.confirmNoConflict(world.origin(juror), contestID: world.contest.id)
            for version in [-1, Int(Int32.max) + 1] {
                do {
                    _ = try await world.services.scores.save(
                        world.origin(juror), applicationID: application, trial: "t1", marks: ["a": "5"], comments: [:], expectedVersion: version)
                    Issue.record("version \(version) accepted")
                } catch let error as InvalidInput {
                    #expect(error.problems.map(\.field) == ["version"], "\(version)")
                }
            }
            let saved = try await world.services.scores.save(
                world.origin(juror), applicationID: application, trial: "t1", marks: ["a": "5"], comments: [:], expectedVersion: 0)
            #expect(saved.version == 1)
        }
    }

    /// A save is decided on the gate as the service read it and written in one call that re-reads it
    /// under the stage lock: if the juror was removed (or the stage closed) in between, nothing is
    /// written and nothing audited; on the gate as it stands, the sheet and its audit entry are.
    @Test func aSaveDecidedOnAGateThatChangedSinceWritesNothing() async throws {
        try await withWorld(entries: 1, jurorCount: 2) { world in
            let application = world.applications[0].id
            let juror = world.jurors[0]
            try await world.services.jury.setAssignment(
                admin, contestID: world.contest.id, applicationID: application, userID: juror.id, assigned: true)
            try await startStage(world)
            try await world.services.jury.confirmNoConflict(world.origin(juror), contestID: world.contest.id)
            let client = world.services.database.client
            let logger = TestCluster.logger
            let key = SheetQueries.Key(contestID: world.contest.id, stage: "s1", trial: "t1", applicationID: application, userID: juror.id)
            func save(on gate: SheetQueries.Gate) async throws -> SheetQueries.SaveOutcome {
                try await client.withConnection {
                    try await SheetQueries.save(
                        $0, gate: gate, key, marks: ["a": "5"], comments: [:], removed: [], expectedVersion: 0, actorLogin: juror.login,
                        requestID: "test", details: #"{"a": "5"}"#, logger: logger)
                }
            }
            let seen = try #require(
                try await client.withConnection { try await SheetQueries.gate($0, applicationID: application, userID: juror.id, logger: logger) })
            try await world.services.jury.removeMember(admin, panelID: world.panel.id, userID: juror.id)
            guard case .gateChanged = try await save(on: seen) else {
                Issue.record("written on a gate that no longer holds")
                return
            }
            #expect(try await client.withConnection { try await SheetQueries.find($0, key, logger: logger) } == nil)

            _ = try await world.services.jury.setMember(admin, panelID: world.panel.id, login: juror.login, role: .member, organisationID: nil)
            let current = try #require(
                try await client.withConnection { try await SheetQueries.gate($0, applicationID: application, userID: juror.id, logger: logger) })
            guard case .saved(let sheet) = try await save(on: current) else {
                Issue.record("not written on the gate as it stands")
                return
            }
            #expect(sheet.marks == ["a": DecimalText.parse("5")!] && sheet.version == 1)
            let entries = try await AuditQueries.recent(client, logger: logger).filter { $0.action == "score.save" }
            #expect(entries.count == 1 && entries.first?.target == "sheet:\(sheet.id)" && entries.first?.details.contains(#""version": "1""#) == true)

            // The service remembers the gate of a juror's last save; once it no longer holds, the
            // answer comes from the gate as it is now and nothing is written.
            let saved = try await world.services.scores.save(
                world.origin(juror), applicationID: application, trial: "t1", marks: ["a": "6"], comments: [:], expectedVersion: 1)
            #expect(saved.version == 2)
            try await world.services.jury.removeMember(admin, panelID: world.panel.id, userID: juror.id)
            await #expect(throws: ServiceError.conflict("вы исключены из состава жюри: оценки больше не принимаются")) {
                try await world.services.scores.save(
                    world.origin(juror), applicationID: application, trial: "t1", marks: ["a": "7"], comments: [:], expectedVersion: 2)
            }
            #expect(try await client.withConnection { try await SheetQueries.find($0, key, logger: logger) }?.version == 2)
            #expect(try await AuditQueries.recent(client, logger: logger).filter { $0.action == "score.save" }.count == 2)
        }
    }
}

func asyncFirst<Element>(_ sequence: some Sequence<Element>, where predicate: (Element) async throws -> Bool) async rethrows -> Element? {
    for element in sequence where try await predicate(element) { return element }
    return nil
}
