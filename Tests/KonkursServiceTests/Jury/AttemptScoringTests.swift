import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Attempts, penalties, factors and extras through the database: the juror's sheet, the values the
/// secretary and the chair enter, the paper import, and the offline computation giving the same bytes.
@Suite struct AttemptScoringTests {
    static let regulation = """
        format: konkurs/1
        contest: Конкурс с попытками
        edition: "2026"
        jury: {per_application: 3}
        nominations:
          - {id: main, title: Основная, minimum_entrants: 1}
        stages:
          - id: s1
            title: Игра
            trials:
              - id: kvest
                title: Квест
                attempts: 2
                combine_attempts: best
                criteria:
                  - {id: a, title: Задания, min: 0, max: 10}
                  - {id: b, title: Команда, min: 0, max: 5}
                components:
                  - {kind: penalty, title: Штраф, max: 2}
                  - {kind: factor, title: Сложность, entered_by: chair, min: 1, max: 2}
                  - {kind: extra, id: skorost, title: Бонус за скорость, min: 0, max: 3}
              - id: vizitka
                title: Визитка
                criteria: [{id: c, title: Идея, min: 0, max: 5}]
        result: {ties: [{higher: {component: skorost}}, shared]}
        """

    let admin = KonkursServices.commandLine
    let jury = JuryTests()

    /// Every application assigned to each of `jurors` jurors with no conflict (the world's first two
    /// have one by design and are left out), the stage started.
    func withScoring(entries: Int = 3, jurors: Int = 3, _ body: (JuryTests.World, _ panel: [UserAccount]) async throws -> Void) async throws {
        try await jury.withWorld(entries: entries, jurorCount: jurors + 2, regulation: Self.regulation) { world in
            let panel = Array(world.jurors.dropFirst(2).dropLast())
            for application in world.applications {
                for juror in panel {
                    try await world.services.jury.setAssignment(
                        admin, contestID: world.contest.id, applicationID: application.id, userID: juror.id, assigned: true)
                }
            }
            try await jury.startStage(world)
            try await body(world, panel)
        }
    }

    @Test func aJurorMarksEachAttemptWithItsPenaltyAndNothingTheTrialDoesNotDeclare() async throws {
        try await withScoring(entries: 1, jurors: 3) { world, panel in
            let (services, juror, application) = (world.services, world.origin(panel[0]), world.applications[0].id)
            try await services.jury.confirmNoConflict(juror, contestID: world.contest.id)
            let saved = try await services.scores.save(
                juror, applicationID: application, trial: "kvest", marks: ["a": "7", "b": "4", "a@2": "9", "penalty:a@2": "1,5"], comments: [:],
                expectedVersion: 0)
            #expect(saved.marks["a@2"] == DecimalText.parse("9") && saved.marks["penalty:a@2"] == DecimalText.parse("1.5"))
            // The second attempt is started but not complete: the sheet cannot be submitted.
            await #expect(throws: InvalidInput.self) {
                try await services.scores.submit(juror, applicationID: application, trial: "kvest", idempotencyKey: nil)
            }
            for (marks, message) in [
                (["a@3": "5"], "попыток 2"), (["penalty:c": "1"], "не предусматривает штрафов"), (["penalty:a": "3"], "больше допустимого 2"),
                (["factor": "1.2"], "Критерия «factor» нет"),
            ] {
                let trial = marks.keys.first == "penalty:c" ? "vizitka" : "kvest"
                let error = await #expect(throws: InvalidInput.self) {
                    try await services.scores.save(
                        juror, applicationID: application, trial: trial, marks: marks, comments: [:], expectedVersion: saved.version)
                }
                #expect(error?.problems.first?.message.contains(message) == true, "\(marks): \(error?.problems.map(\.message) ?? [])")
            }
            let complete = try await services.scores.save(
                juror, applicationID: application, trial: "kvest", marks: ["b@2": "5"], comments: [:], expectedVersion: saved.version)
            let submitted = try await services.scores.submit(juror, applicationID: application, trial: "kvest", idempotencyKey: nil)
            #expect(submitted.status == .submitted && complete.marks.count == 5)
        }
    }

    @Test func theSecretaryAndTheChairEachEnterOnlyTheValuesTheTrialGivesThem() async throws {
        try await withScoring(entries: 1, jurors: 3) { world, panel in
            let (services, application) = (world.services, world.applications[0].id)
            let (secretary, _) = try await services.users.add(
                admin, try UserDraft.validated(login: "secretary", fullName: "Секретарь", email: nil, organisationID: nil, roles: ["secretary"]))
            let (asSecretary, asChair) = (RequestOrigin(actor: secretary.actor), world.origin(world.jurors.last!))
            let saved = try await services.scores.enterAttemptValues(
                asSecretary, applicationID: application, trial: "kvest", attempt: 2, values: ["extra:skorost": "2.5"])
            #expect(saved == ["extra:skorost": "2.5"])
            _ = try await services.scores.enterAttemptValues(
                asChair, applicationID: application, trial: "kvest", attempt: 2, values: ["factor": "1,2"])
            for (origin, values, attempt, message) in [
                (asChair, ["extra:skorost": "1"], 2, "вносит секретарь"), (asSecretary, ["factor": "1.5"], 1, "вносит председатель жюри"),
                (asSecretary, ["extra:skorost": "4"], 1, "больше допустимого 3"), (asSecretary, ["extra": "1"], 1, "не предусматривает «extra»"),
                (asSecretary, ["penalty": "1"], 1, "Штраф ставит член жюри"), (asSecretary, ["extra:skorost": "1"], 3, "попытки 3 нет"),
                // One refused value refuses the whole change.
                (asSecretary, ["extra:skorost": "1", "extra:speed": "1"], 1, "не предусматривает «extra:speed»"),
            ] {
                let error = await #expect(throws: InvalidInput.self) {
                    try await services.scores.enterAttemptValues(origin, applicationID: application, trial: "kvest", attempt: attempt, values: values)
                }
                #expect(error?.problems.contains { $0.message.contains(message) } == true, "\(values): \(error?.problems.map(\.message) ?? [])")
            }
            let sheet = try await services.scores.attemptSheet(asSecretary, contestID: world.contest.id)
            #expect(
                sheet.lines.map { "\($0.attempt): \($0.values.map { "\($0.component.column)=\($0.value ?? "")" })" } == [
                    "1: [\"extra:skorost=\"]", "2: [\"extra:skorost=2.5\"]",
                ])
            let chairs = try await services.scores.attemptSheet(asChair, contestID: world.contest.id)
            #expect(chairs.lines.last?.values.map(\.value) == ["1.2"])
            let audit = try await services.audit.recent(admin).filter { $0.action == "score.component" }
            #expect(audit.count == 2 && audit.allSatisfy { $0.target == "application:\(application)" })
            // Locked with the stage like the marks.
            var paper = "entry,juror,trial,criterion,score\n"
            for juror in panel {
                paper +=
                    "\(application),\(juror.login),kvest,a,5\n\(application),\(juror.login),kvest,b,5\n\(application),\(juror.login),vizitka,c,5\n"
            }
            _ = try await services.scores.importPaper(admin, contestID: world.contest.id, file: InputFile(name: "paper.csv", text: paper))
            _ = try await services.contests.transition(admin, id: world.contest.id, to: .stageScored)
            await #expect(throws: ServiceError.self) {
                try await services.scores.enterAttemptValues(
                    asSecretary, applicationID: application, trial: "kvest", attempt: 1, values: ["extra:skorost": "1"])
            }
        }
    }

    @Test func aPaperFileWithEveryColumnComesBackByteForByteAndComputesAsOffline() async throws {
        var random = SplitMix(seed: 17)
        for round in 0..<3 {
            try await withScoring(entries: 3, jurors: 3) { world, panel in
                let logins = panel.map(\.login).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                var file = "entry,juror,trial,criterion,attempt,score,penalty,factor,extra:skorost\r\n"
                var attemptValues: [String: (factor: String, skorost: String)] = [:]
                for application in world.applications.map(\.id).sorted() {
                    for attempt in 1...2 where attempt == 1 || Bool.random(using: &random) {
                        let factor = Bool.random(using: &random) ? "1.\(Int.random(in: 1...9, using: &random))" : ""
                        let skorost = Bool.random(using: &random) ? "\(Int.random(in: 0...3, using: &random))" : ""
                        attemptValues["\(application)/\(attempt)"] = (factor, skorost)
                    }
                    for login in logins {
                        for attempt in 1...2 {
                            guard let values = attemptValues["\(application)/\(attempt)"] else { continue }
                            for (criterion, maximum) in [("a", 10), ("b", 5)] {
                                let penalty = Int.random(in: 0...3, using: &random) == 0 ? "0.5" : ""
                                file += "\(application),\(login),kvest,\(criterion),\(attempt),\(Int.random(in: 0...maximum, using: &random)),"
                                file += "\(penalty),\(values.factor),\(values.skorost)\r\n"
                            }
                        }
                        file += "\(application),\(login),vizitka,c,1,\(Int.random(in: 0...5, using: &random)),,,\r\n"
                    }
                }
                let count = try await world.services.scores.importPaper(
                    admin, contestID: world.contest.id, file: InputFile(name: "paper.csv", text: file))
                #expect(count == 3 * 3 * 2)
                let inputs = try await world.services.results.inputs(admin, contestID: world.contest.id)
                #expect(String(decoding: inputs.scores.bytes, as: UTF8.self) == file, "round \(round)")
                let online = try await world.services.results.compute(admin, contestID: world.contest.id, format: .csv)
                let offline = try OfflineResults.compute(
                    .init(regulation: inputs.regulation, scores: InputFile(name: "scores.csv", text: file), entries: inputs.entries), format: .csv)
                #expect(online.text == offline.text)
            }
        }
    }

    @Test func aPaperFileWithAColumnTheRegulationDoesNotUseWritesNothing() async throws {
        try await withScoring(entries: 1, jurors: 3) { world, panel in
            let application = world.applications[0].id
            let login = panel[0].login
            for (file, message) in [
                ("entry,juror,trial,criterion,score,extra\n\(application),\(login),kvest,a,5,1\n", "ни одно испытание положения его не объявляет"),
                ("entry,juror,trial,criterion,score,penalty\n\(application),\(login),vizitka,c,5,1\n", "испытание «vizitka» не объявляет"),
                ("entry,juror,trial,criterion,attempt,score\n\(application),\(login),kvest,a,3,5\n", "попыток 2"),
            ] {
                let error = await #expect(throws: InputError.self) {
                    try await world.services.scores.importPaper(admin, contestID: world.contest.id, file: InputFile(name: "paper.csv", text: file))
                }
                #expect(error?.problems.first?.message.contains(message) == true, "\(error?.problems.map(\.message) ?? [])")
            }
            let inputs = try await world.services.results.inputs(admin, contestID: world.contest.id)
            #expect(String(decoding: inputs.scores.bytes, as: UTF8.self).split(separator: "\r\n").count == 1)
        }
    }
}
