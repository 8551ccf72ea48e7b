import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Ties decided by the chair or a jury vote and special prizes, taken on the results page's doors.
@Suite struct JuryDecisionTests {
    static let regulation = """
        format: konkurs/1
        contest: Конкурс решений
        edition: "2026"
        jury: {per_application: 3}
        nominations:
          - {id: main, title: Основная, minimum_entrants: 1, awards: {special: [Приз зрительских симпатий]}}
        stages:
          - id: s1
            title: Этап
            trials:
              - {id: t, title: Выступление, criteria: [{id: a, title: Мастерство, min: 0, max: 10}]}
        result: {ties: [decision: chair, shared]}
        """

    let admin = KonkursServices.commandLine

    /// Three entries scored by three jurors from paper: the first two tie at the top.
    func withTie(_ body: (JuryTests.World, [String]) async throws -> Void) async throws {
        let jury = JuryTests()
        try await jury.withWorld(entries: 3, jurorCount: 5, regulation: Self.regulation) { world in
            let panel = Array(world.jurors.dropFirst(2).dropLast())
            var paper = "entry,juror,trial,criterion,score\n"
            for application in world.applications {
                for juror in panel {
                    try await world.services.jury.setAssignment(
                        admin, contestID: world.contest.id, applicationID: application.id, userID: juror.id, assigned: true)
                    paper += "\(application.id),\(juror.login),t,a,\(application.id == world.applications[2].id ? 5 : 8)\n"
                }
            }
            try await jury.startStage(world)
            _ = try await world.services.scores.importPaper(admin, contestID: world.contest.id, file: InputFile(name: "p.csv", text: paper))
            _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .stageScored)
            try await body(world, world.applications.map { "\($0.id)" })
        }
    }

    @Test func aTieIsDecidedByTheChairOnlyForTheEntriesReallyTiedAndAppearsInTheProtocol() async throws {
        try await withTie { world, ids in
            let results = world.services.results
            let needed = try await results.decisionsNeeded(admin, contestID: world.contest.id)
            #expect(needed.ties.map { Set($0.entries.map(\.id)) } == [Set(ids.prefix(2))])
            #expect(needed.ties.first?.method == .chair)
            for (method, values) in [
                (TieRule.Decision.chair, [ids[0]: 1, ids[2]: 2]), (.juryVote, [ids[0]: 3, ids[1]: 2]), (.chair, [ids[0]: 1, ids[1]: 1]),
            ] {
                await #expect(throws: InvalidInput.self, "\(method) \(values)") {
                    try await results.decideTie(admin, contestID: world.contest.id, nomination: "main", method: method, values: values)
                }
            }
            #expect(try await results.decisionsNeeded(admin, contestID: world.contest.id).recorded == .none)
            try await results.decideTie(admin, contestID: world.contest.id, nomination: "main", method: .chair, values: [ids[0]: 2, ids[1]: 1])
            let after = try await results.decisionsNeeded(admin, contestID: world.contest.id)
            #expect(after.ties.isEmpty)
            #expect(after.recorded.ties.first?.order == [ids[1], ids[0]])
            #expect(after.recorded.ties.first?.note?.hasPrefix("решающий голос председателя жюри; внесено: ") == true)
            let protocolText = try await results.compute(admin, contestID: world.contest.id, format: .csv).text
            let first = protocolText.split(whereSeparator: \.isNewline).first { $0.contains(",1,") && $0.hasPrefix("main") }
            #expect(first?.contains(",\(ids[1]),") == true, "\(protocolText)")
            let audit = try await world.services.audit.recent(admin).first { $0.action == "results.decisions" }
            #expect(audit?.details.contains("\(ids[1]) > \(ids[0])") == true)
        }
    }

    @Test func aSpecialPrizeGoesByTheJuryOrByTheAudiencesTallyAndOnlyIfDeclared() async throws {
        try await withTie { world, ids in
            let results = world.services.results
            await #expect(throws: InvalidInput.self) {
                try await results.awardPrize(admin, contestID: world.contest.id, nomination: "main", prize: "Гран-при", entry: ids[0])
            }
            let even = await #expect(throws: InvalidInput.self) {
                try await results.awardPrize(
                    admin, contestID: world.contest.id, nomination: "main", prize: "Приз зрительских симпатий", entry: nil,
                    tally: [ids[0]: 40, ids[2]: 40])
            }
            #expect(even?.problems.first?.message.contains("поровну") == true)
            try await results.awardPrize(
                admin, contestID: world.contest.id, nomination: "main", prize: "Приз зрительских симпатий", entry: nil,
                tally: [ids[0]: 12, ids[2]: 40, ids[1]: 3])
            let recorded = try await results.decisionsNeeded(admin, contestID: world.contest.id).recorded.specialPrizes
            #expect(recorded.map(\.entry) == [ids[2]])
            #expect(recorded.first?.note?.hasPrefix("зрительское голосование: \(ids[2]) — 40, \(ids[0]) — 12, \(ids[1]) — 3") == true)
            let document = try OfflineResults.protocolDocument(try await results.inputs(admin, contestID: world.contest.id)).0
            #expect(document.nominations[0].entries.first { $0.entry == ids[2] }?.specialPrizes == ["Приз зрительских симпатий"])
        }
    }

    @Test func decisionsWrittenByThePagesReadBackAsTheyWere() throws {
        let decisions = Decisions(
            ties: [.init(nomination: "main", order: ["E2", "E1"], method: .juryVote, note: "голосование: \"E2\" — 3\nE1 — 2")],
            specialPrizes: [.init(nomination: "main", entry: "E3", prize: "Приз: «зрительский»", note: nil)])
        #expect(try DecisionFileParser.parse(DecisionFileWriter.write(decisions), file: "d.yaml") == decisions)
    }
}
