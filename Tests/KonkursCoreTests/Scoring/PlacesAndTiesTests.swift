import Testing

@testable import KonkursCore

/// Places, the tie-break cascade, statuses, minimum entrants, awards and knockout stages.
@Suite struct PlacesAndTiesTests {
    typealias F = EngineFixture

    let twoTrials = ["t1", "t2"].map { "{id: \($0), title: \($0), across_jurors: mean, criteria: [{id: \($0)a, title: A, max: 10}]}" }

    func scores(_ rows: [(String, Int, Int)]) -> String {
        "entry,juror,criterion,score\n" + rows.map { "\($0.0),J1,t1a,\($0.1)\n\($0.0),J1,t2a,\($0.2)" }.joined(separator: "\n")
    }

    @Test func aHigherScoreInANamedTrialSeparatesEqualTotals() throws {
        let regulation = try F.regulation(trials: twoTrials, result: "{ties: [{higher: {trial: t1}}, shared]}")
        // E1 6 + 4 = 10, E2 4 + 6 = 10, E3 3 + 3 = 6: E1 wins on t1.
        let result = try F.compute(regulation, scores: scores([("E2", 4, 6), ("E1", 6, 4), ("E3", 3, 3)]))
        #expect(F.table(result) == ["E1 1 10.00", "E2 2 10.00", "E3 3 6.00"])
        let record = try #require(result.nominations[0].tieBreaks.first)
        #expect(record.rule == "higher trial t1")
        #expect(record.outcome == .separated)
        #expect(record.order == [["E1"], ["E2"]])
        #expect(record.values == ["E1": F.number("6"), "E2": F.number("4")])
    }

    @Test func aTieAtThePrizeBoundaryIsSharedAndTheNextPlaceSkips() throws {
        let regulation = try F.regulation(trials: twoTrials, result: "{ties: [shared]}")
        let result = try F.compute(regulation, scores: scores([("E1", 5, 5), ("E2", 4, 4), ("E3", 4, 4), ("E4", 2, 3)]))
        #expect(F.table(result) == ["E1 1 10.00", "E2 =2 8.00", "E3 =2 8.00", "E4 4 5.00"])
        #expect(result.nominations[0].entries.map(\.award) == [.winner, .second, .second, .participant])
        let rendered = ProtocolRenderer(result, regulation: regulation).render(.md)
        #expect(rendered.contains("| =2 | E2 |"))
    }

    @Test func aThreeWayTieGoesDownTheCascadeToTheChair() throws {
        let regulation = try F.regulation(trials: twoTrials, result: "{ties: [{higher: {trial: t1}}, {decision: chair}, shared]}")
        // All total 9. t1: E1 5, E2 5, E3 4 → E3 third; E1 and E2 stay tied until the chair's casting vote.
        let decisions = Decisions(ties: [.init(nomination: "main", order: ["E2", "E1"], method: .chair, note: "протокол № 2")])
        let result = try F.compute(regulation, scores: scores([("E1", 5, 4), ("E2", 5, 4), ("E3", 4, 5)]), decisions: decisions)
        #expect(F.table(result) == ["E2 1 9.00", "E1 2 9.00", "E3 3 9.00"])
        #expect(result.nominations[0].tieBreaks.map(\.rule) == ["higher trial t1", "decision chair"])
        #expect(result.nominations[0].tieBreaks.map(\.outcome) == [.separated, .separated])
        #expect(result.nominations[0].tieBreaks[1].note == "протокол № 2")
        #expect(result.warnings.isEmpty)
    }

    @Test func withoutTheChairsDecisionThePlaceIsSharedAndFlagged() throws {
        let regulation = try F.regulation(trials: twoTrials, result: "{ties: [{higher: {trial: t1}}, {decision: chair}, shared]}")
        let result = try F.compute(regulation, scores: scores([("E1", 5, 4), ("E2", 5, 4), ("E3", 1, 1)]))
        #expect(F.table(result) == ["E1 =1 9.00", "E2 =1 9.00", "E3 3 2.00"])
        #expect(result.nominations[0].tieBreaks.map(\.outcome) == [.stillTied, .pending, .shared])
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].contains("председателя"))
    }

    @Test func aLowerNamedComponentCanBreakATie() throws {
        let trial = "{id: t1, title: t1, criteria: [{id: t1a, title: A, max: 10}], components: [{kind: extra, id: deductions, title: Вычеты}]}"
        let regulation = try F.regulation(trials: [trial], result: "{ties: [{lower: {component: deductions}}, shared]}")
        // Both 8 after extras (E1 9 − 1, E2 10 − 2). Components are signed and compared as written: `lower` puts −2 first.
        let result = try F.compute(regulation, scores: "entry,juror,criterion,score,extra:deductions\nE1,J1,t1a,9,-1\nE2,J1,t1a,10,-2\n")
        #expect(F.table(result) == ["E2 1 8.00", "E1 2 8.00"])
    }

    @Test func withdrawnAndDisqualifiedEntriesStayWithoutAPlace() throws {
        let regulation = try F.regulation(trials: twoTrials, nominations: ["{id: main, title: Основная, minimum_entrants: 2}"])
        let entries =
            "entry,name,organisation,status\nE1,Анна,Школа 1,ok\nE2,Борис,Школа 2,withdrawn\nE3,Вера,Школа 3,disqualified\nE4,Глеб,Школа 4,ok\n"
        let result = try F.compute(regulation, scores: scores([("E1", 5, 5), ("E2", 9, 9), ("E3", 8, 8), ("E4", 3, 3)]), entries: entries)
        #expect(F.table(result) == ["E1 1 10.00", "E4 2 6.00", "E2 - -", "E3 - -"])
        #expect(result.nominations[0].entries.map(\.status) == [.ok, .ok, .withdrawn, .disqualified])
        #expect(result.nominations[0].entries[2].award == nil)
    }

    @Test func aNominationWithTooFewEntrantsIsNotHeld() throws {
        let regulation = try F.regulation(trials: twoTrials, nominations: ["{id: main, title: Основная, minimum_entrants: 3}"])
        let entries = "entry,name,organisation,status\nE1,А,Ш,ok\nE2,Б,Ш,withdrawn\nE3,В,Ш,ok\n"
        let result = try F.compute(regulation, scores: scores([("E1", 5, 5), ("E3", 3, 3)]), entries: entries)
        #expect(!result.nominations[0].held)
        #expect(result.nominations[0].notHeldReason == "участников 2, меньше минимума 3")
        #expect(result.nominations[0].entries.allSatisfy { $0.place == nil && $0.award == nil })
        #expect(F.table(result) == ["E1 - 10.00", "E3 - 6.00", "E2 - -"])
    }

    @Test func awardsFollowPlacesAndLaureateRules() throws {
        let six = scores([("E1", 10, 10), ("E2", 9, 9), ("E3", 8, 8), ("E4", 7, 7), ("E5", 4, 3), ("E6", 2, 2)])
        let top = try F.regulation(
            trials: twoTrials, nominations: ["{id: main, title: О, minimum_entrants: 1, awards: {laureates: {top: 2}}}"])
        #expect(
            try F.compute(top, scores: six).nominations[0].entries.map(\.award) == [.winner, .second, .third, .laureate, .laureate, .participant])
        let threshold = try F.regulation(
            trials: twoTrials, nominations: ["{id: main, title: О, minimum_entrants: 1, awards: {laureates: {threshold: 14}, participants: false}}"])
        #expect(try F.compute(threshold, scores: six).nominations[0].entries.map(\.award) == [.winner, .second, .third, .laureate, nil, nil])
    }

    @Test func aParticipationOnlyEventGivesCertificatesWithoutPlaces() throws {
        let regulation = try F.regulation(trials: twoTrials, nominations: ["{id: main, title: О, minimum_entrants: 1, places: false}"])
        let result = try F.compute(regulation, scores: scores([("E1", 10, 10), ("E2", 2, 2)]))
        #expect(result.nominations[0].entries.map(\.place) == [nil, nil])
        #expect(result.nominations[0].entries.map(\.award) == [.participant, .participant])
    }

    @Test func specialPrizesComeFromDecisionsAndMustBeDeclared() throws {
        let regulation = try F.regulation(
            trials: twoTrials, nominations: ["{id: main, title: О, minimum_entrants: 1, awards: {special: [Приз зрительских симпатий]}}"])
        let prize = Decisions(specialPrizes: [.init(nomination: "main", entry: "E2", prize: "Приз зрительских симпатий")])
        let result = try F.compute(regulation, scores: scores([("E1", 10, 10), ("E2", 2, 2)]), decisions: prize)
        #expect(result.nominations[0].entries[1].specialPrizes == ["Приз зрительских симпатий"])
        let unknown = Decisions(specialPrizes: [.init(nomination: "main", entry: "E2", prize: "Гран-при")])
        #expect(throws: ScoringError.unknownSpecialPrize(nomination: "main", entry: "E2", prize: "Гран-при")) {
            try F.compute(regulation, scores: scores([("E1", 10, 10), ("E2", 2, 2)]), decisions: unknown)
        }
    }

    @Test func eliminatedEntriesRankAfterEveryQualifierWhateverTheirScore() throws {
        func stages(carry: Bool) -> [String] {
            [
                "{id: s1, title: Отбор, advancement: {top: 2}, trials: [\(twoTrials[0])]}",
                "{id: s2, title: Финал, carry_over: \(carry), trials: [\(twoTrials[1])]}",
            ]
        }
        // Stage 1: E1 9, E2 8, E3 7 → E3 out. Final: E1 3, E2 5.
        let marks = "entry,juror,criterion,score\nE1,J1,t1a,9\nE2,J1,t1a,8\nE3,J1,t1a,7\nE1,J1,t2a,3\nE2,J1,t2a,5\n"
        let reset = try F.compute(try F.regulation(stages: stages(carry: false)), scores: marks)
        #expect(F.table(reset) == ["E2 1 5.00", "E1 2 3.00", "E3 3 7.00"])
        #expect(reset.nominations[0].entries.map(\.eliminatedAfter) == [nil, nil, "s1"])
        let carried = try F.compute(try F.regulation(stages: stages(carry: true)), scores: marks)
        #expect(F.table(carried) == ["E2 1 13.00", "E1 2 12.00", "E3 3 7.00"])
    }

    @Test func advancementKeepsEveryoneTiedWithTheLastQualifier() throws {
        let stages = [
            "{id: s1, title: Отбор, advancement: {top_percent: 50}, trials: [\(twoTrials[0])]}",
            "{id: s2, title: Финал, trials: [\(twoTrials[1])]}",
        ]
        // Four entries, 50 % = 2 places, but E2 and E3 tie for the second: both go on.
        let marks = "entry,juror,criterion,score\nE1,J1,t1a,9\nE2,J1,t1a,8\nE3,J1,t1a,8\nE4,J1,t1a,7\nE1,J1,t2a,1\nE2,J1,t2a,1\nE3,J1,t2a,1\n"
        let result = try F.compute(try F.regulation(stages: stages), scores: marks)
        #expect(result.nominations[0].entries.map(\.eliminatedAfter) == [nil, nil, nil, "s1"])
    }
}
