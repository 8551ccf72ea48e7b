import Testing

@testable import KonkursCore

/// Rank-based methods on the classic profile where Borda and Condorcet disagree: three jurors rank
/// A > B > C, two rank B > C > A.
@Suite struct RankMethodTests {
    typealias F = EngineFixture

    let marks: String = {
        var rows = ["entry,juror,criterion,score"]
        for juror in ["J1", "J2", "J3"] { rows += ["A,\(juror),m,3", "B,\(juror),m,2", "C,\(juror),m,1"] }
        for juror in ["J4", "J5"] { rows += ["B,\(juror),m,3", "C,\(juror),m,2", "A,\(juror),m,1"] }
        return rows.joined(separator: "\n")
    }()

    func regulation(_ method: String, order: String = "descending") throws -> Regulation {
        try F.regulation(
            trials: ["{id: t, title: T, across_jurors: \(method), criteria: [{id: m, title: M, min: 1, max: 3}]}"],
            result: "{order: \(order), ties: [shared]}")
    }

    @Test func bordaPrefersTheBroadlyLikedEntry() throws {
        // Points n − place: A 3·2 + 2·0 = 6, B 3·1 + 2·2 = 7, C 0 + 2·1 = 2.
        #expect(F.table(try F.compute(try regulation("borda"), scores: marks)) == ["B 1 7.00", "A 2 6.00", "C 3 2.00"])
    }

    @Test func schulzeElectsTheCondorcetWinner() throws {
        // A beats B and C 3:2 head to head; B beats C 5:0. Entries beaten: A 2, B 1, C 0.
        #expect(F.table(try F.compute(try regulation("schulze"), scores: marks)) == ["A 1 2.00", "B 2 1.00", "C 3 0.00"])
    }

    @Test func rankSumCountsPlacesLowestFirst() throws {
        // Places: A 1+1+1+3+3 = 9, B 2+2+2+1+1 = 8, C 3+3+3+2+2 = 13.
        #expect(F.table(try F.compute(try regulation("rank_sum", order: "ascending"), scores: marks)) == ["B 1 8.00", "A 2 9.00", "C 3 13.00"])
    }

    @Test func tiedTotalsOfOneJurorShareTheirAveragePlace() {
        let totals = [F.number("5"), F.number("7"), F.number("5")]
        #expect(RankAggregator.place(of: 0, in: totals) == Rational(5, 2))
        #expect(RankAggregator.place(of: 1, in: totals) == .one)
    }

    @Test func aJurorWhoDidNotRankEveryEntryIsAnError() throws {
        let incomplete = marks + "\nD,J1,m,2"
        #expect(throws: ScoringError.incompleteRanking(trial: "t", nomination: "main", juror: "J2", missing: ["D"])) {
            try F.compute(try regulation("borda"), scores: incomplete)
        }
    }

    @Test func rankSumNeedsAscendingOrder() {
        #expect(throws: RegulationError.self) { try regulation("rank_sum") }
    }
}
