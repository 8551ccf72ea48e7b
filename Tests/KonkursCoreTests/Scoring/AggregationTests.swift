import Testing

@testable import KonkursCore

/// Across-juror methods, per-juror totals, penalties, attempts and floors, each on a small table
/// whose result is worked out by hand in the comments.
@Suite struct AggregationTests {
    typealias F = EngineFixture

    func oneCriterion(_ aggregation: String, max: String = "10", step: String = "1", extra: String = "") -> String {
        "{id: t, title: Испытание, across_jurors: \(aggregation)\(extra), criteria: [{id: a, title: A, max: \(max), step: \(step)}]}"
    }

    @Test func meanCountsOnlyJurorsWhoScored() throws {
        let regulation = try F.regulation(trials: [oneCriterion("mean")])
        // E1: 8 and 6 (J3 absent) → 7, not 14/3. E2: 5, 5, 5 → 5.
        let result = try F.compute(
            regulation, scores: "entry,juror,criterion,score\nE1,J1,a,8\nE1,J2,a,6\nE1,J3,a,\nE2,J1,a,5\nE2,J2,a,5\nE2,J3,a,5\n")
        #expect(F.table(result) == ["E1 1 7.00", "E2 2 5.00"])
        #expect(result.nominations[0].entries[0].stages[0].trials[0].jurors == 2)
    }

    @Test func sumAndMedian() throws {
        let scores = "entry,juror,criterion,score\nE1,J1,a,8\nE1,J2,a,6\nE2,J1,a,5\nE2,J2,a,5\nE2,J3,a,5\n"
        // Sum: E1 14, E2 15. Median: E1 (6, 8) → 7, E2 → 5.
        #expect(F.table(try F.compute(try F.regulation(trials: [oneCriterion("sum")]), scores: scores)) == ["E2 1 15.00", "E1 2 14.00"])
        #expect(F.table(try F.compute(try F.regulation(trials: [oneCriterion("median")]), scores: scores)) == ["E1 1 7.00", "E2 2 5.00"])
    }

    @Test func trimmedMeanDropsTheExtremesAndFallsBackOnASmallPanel() throws {
        let regulation = try F.regulation(trials: [oneCriterion("{method: trimmed_mean, trim: 1, minimum_panel: 5, fallback: mean}")])
        // E1: 9 7 8 2 10 → drop 2 and 10 → 24/3 = 8. E2 has four marks (9 7 8 2) → fallback mean 26/4 = 6.5.
        // E3: every juror gave 6 → 6.
        let result = try F.compute(
            regulation,
            scores: """
                entry,juror,criterion,score
                E1,J1,a,9
                E1,J2,a,7
                E1,J3,a,8
                E1,J4,a,2
                E1,J5,a,10
                E2,J1,a,9
                E2,J2,a,7
                E2,J3,a,8
                E2,J4,a,2
                E3,J1,a,6
                E3,J2,a,6
                E3,J3,a,6
                E3,J4,a,6
                E3,J5,a,6
                """)
        #expect(F.table(result) == ["E1 1 8.00", "E2 2 6.50", "E3 3 6.00"])
        #expect(result.nominations[0].entries.map { $0.stages[0].trials[0].method } == ["trimmed_mean", "mean", "trimmed_mean"])
    }

    @Test func aTrimSoLargeThatNothingWouldRemainUsesTheFallback() throws {
        let regulation = try F.regulation(trials: [oneCriterion("{method: trimmed_mean, trim: 3, minimum_panel: 7, fallback: median}")])
        // Five marks, trim 3 at each end would leave nothing: median of 2 6 7 9 10 → 7.
        let result = try F.compute(regulation, scores: "entry,juror,criterion,score\nE1,J1,a,9\nE1,J2,a,7\nE1,J3,a,6\nE1,J4,a,2\nE1,J5,a,10\n")
        #expect(F.table(result) == ["E1 1 7.00"])
    }

    @Test func middleSumTimesDifficultyLikeDiving() throws {
        let regulation = try F.regulation(trials: [
            oneCriterion(
                "{method: middle_sum, trim: 2, minimum_panel: 7, fallback: mean}", step: "0.5",
                extra: ", components: [{kind: factor, title: Сложность}]")
        ])
        // Seven judges: 6 7 7.5 8 8 8.5 9 → drop 6, 7 and 8.5, 9 → 7.5 + 8 + 8 = 23.5; × difficulty 3.2 = 75.2.
        var scores = "entry,juror,criterion,score,factor\n"
        for (juror, mark) in ["6", "7", "7.5", "8", "8", "8.5", "9"].enumerated() { scores += "E1,J\(juror),a,\(mark),3.2\n" }
        #expect(F.table(try F.compute(regulation, scores: scores)) == ["E1 1 75.20"])
    }

    @Test func perJurorTotalsWeightAndCapCriteria() throws {
        let criteria = "criteria: [{id: a, title: A, max: 10, weight: 2}, {id: b, title: B, max: 10, weight: 1, cap: 5}]"
        func total(_ perJuror: String) throws -> [String] {
            let regulation = try F.regulation(trials: ["{id: t, title: T, per_juror: \(perJuror), across_jurors: mean, \(criteria)}"])
            return F.table(try F.compute(regulation, scores: "entry,juror,criterion,score\nE1,J1,a,6\nE1,J1,b,8\n"))
        }
        // sum: 6 + min(8, 5) = 11. weighted_sum: 2·6 + min(1·8, 5) = 17. weighted_mean: 17 / (2 + 1) = 5.666… → 5.67.
        #expect(try total("sum") == ["E1 1 11.00"])
        #expect(try total("weighted_sum") == ["E1 1 17.00"])
        #expect(try total("weighted_mean") == ["E1 1 5.67"])
    }

    @Test func aggregatingPerCriterionToleratesAJurorWhoSkippedOne() throws {
        let trial =
            "{id: t, title: T, across_jurors: {method: mean, apply_to: criterion}, criteria: [{id: a, title: A, max: 10}, {id: b, title: B, max: 10}]}"
        // a: (8 + 6) / 2 = 7; b: only J2 marked it → 4. Total 11.
        let scores = "entry,juror,criterion,score\nE1,J1,a,8\nE1,J1,b,\nE1,J2,a,6\nE1,J2,b,4\n"
        let result = try F.compute(try F.regulation(trials: [trial]), scores: scores)
        #expect(F.table(result) == ["E1 1 11.00"])
        #expect(result.nominations[0].entries[0].stages[0].trials[0].criteria.map(\.value) == [F.number("7"), F.number("4")])
    }

    @Test func penaltiesApplyToMarksBeforeTrimmingAndStopAtTheMarkFloor() throws {
        let regulation = try F.regulation(trials: [
            oneCriterion("{method: trimmed_mean, trim: 1, minimum_panel: 5}", extra: ", mark_floor: 0, components: [{kind: penalty, title: Штраф}]")
        ])
        // 9−2 = 7, 5, 6, 8, 10−12 = −2 → floor 0. Sorted 0 5 6 7 8 → drop 0 and 8 → (5 + 6 + 7) / 3 = 6.
        let result = try F.compute(
            regulation,
            scores: """
                entry,juror,criterion,score,penalty
                E1,J1,a,9,2
                E1,J2,a,5,
                E1,J3,a,6,
                E1,J4,a,8,
                E1,J5,a,10,12
                """)
        #expect(F.table(result) == ["E1 1 6.00"])
    }

    @Test func attemptsTakeTheirFactorAndExtrasThenTheBestOrTheSumCounts() throws {
        let trial = { (combine: String) in
            "{id: t, title: T, attempts: 2, combine_attempts: \(combine), across_jurors: mean, criteria: [{id: a, title: A, max: 10}], "
                + "components: [{kind: factor, title: F}, {kind: extra, title: E}, {kind: extra, id: technical, title: Техника}]}"
        }
        // Attempt 1: mean(8, 6) = 7 × 1.5 = 10.5, extra −1 → 9.5. Attempt 2: mean(9, 9) = 9 × 1 + technical 0.7 → 9.7.
        let scores = """
            entry,juror,criterion,attempt,score,factor,extra,extra:technical
            E1,J1,a,1,8,1.5,-1,
            E1,J2,a,1,6,1.5,-1,
            E1,J1,a,2,9,1,,0.7
            E1,J2,a,2,9,1,,0.7
            """
        let best = try F.compute(try F.regulation(trials: [trial("best")]), scores: scores)
        #expect(F.table(best) == ["E1 1 9.70"])
        #expect(best.nominations[0].entries[0].stages[0].trials[0].components.map(\.name) == ["technical"])
        #expect(F.table(try F.compute(try F.regulation(trials: [trial("sum")]), scores: scores)) == ["E1 1 19.20"])
    }

    @Test func floorsClampNegativeScores() throws {
        let scores = "entry,juror,criterion,score,extra\nE1,J1,a,5,-20\nE2,J1,a,3,\n"
        // 5 − 20 = −15: the result floor lifts the total to 0; a trial floor lifts the trial score to 0.
        let extra = ", components: [{kind: extra, title: Вычет}]"
        let resultFloor = try F.regulation(trials: [oneCriterion("mean", extra: extra)], result: "{floor: 0, ties: [shared]}")
        #expect(F.table(try F.compute(resultFloor, scores: scores)) == ["E2 1 3.00", "E1 2 0.00"])
        let noFloor = try F.regulation(trials: [oneCriterion("mean", extra: extra)])
        #expect(F.table(try F.compute(noFloor, scores: scores)) == ["E2 1 3.00", "E1 2 -15.00"])
        let trialFloor = try F.regulation(trials: [oneCriterion("mean", extra: ", floor: 0" + extra)])
        #expect(F.table(try F.compute(trialFloor, scores: scores)) == ["E2 1 3.00", "E1 2 0.00"])
    }

    @Test func whereRoundingHappensChangesTheResult() throws {
        let trials = ["t1", "t2"].map { "{id: \($0), title: \($0), across_jurors: mean, criteria: [{id: \($0)a, title: A, max: 10}]}" }
        let scores =
            "entry,juror,criterion,score\n"
            + ["t1a", "t2a"].flatMap { c in ["E1,J1,\(c),1", "E1,J2,\(c),1", "E1,J3,\(c),2"] }.joined(separator: "\n")
        // Each mean is 4/3. Rounded after each aggregation: 1.33 + 1.33 = 2.66. Only at the end: 8/3 → 2.67.
        let eachMean = try F.regulation(trials: trials, rounding: "{step: 0.01, mode: half_up, apply: [aggregate]}")
        let atTheEnd = try F.regulation(trials: trials, rounding: "{step: 0.01, mode: half_up, apply: [end]}")
        #expect(F.table(try F.compute(eachMean, scores: scores)) == ["E1 1 2.66"])
        #expect(F.table(try F.compute(atTheEnd, scores: scores)) == ["E1 1 2.67"])
    }

    @Test func halfEvenAndHalfUpDifferOnAnExactHalf() throws {
        let scores = "entry,juror,criterion,score\nE1,J1,a,2\nE1,J2,a,3\n"  // mean 2.5
        let up = try F.regulation(trials: [oneCriterion("mean")], rounding: "{step: 1, mode: half_up}")
        let even = try F.regulation(trials: [oneCriterion("mean")], rounding: "{step: 1, mode: half_even}")
        #expect(F.table(try F.compute(up, scores: scores)) == ["E1 1 3"])
        #expect(F.table(try F.compute(even, scores: scores)) == ["E1 1 2"])
    }

    @Test func zScoreNormalisationIsReportedBesideTheRawScore() throws {
        let regulation = try F.regulation(trials: [oneCriterion("mean", extra: ", normalisation: z_score")])
        // J1 strict (2, 4), J2 generous (8, 10): raw means 5 and 7. Each juror's z is −1 and +1; the panel's
        // mean is 6 and spread √10 = 3.162277660, so the normalised scores are 6 ∓ 3.162277660 → 2.84 and 9.16.
        let result = try F.compute(regulation, scores: "entry,juror,criterion,score\nE1,J1,a,2\nE2,J1,a,4\nE1,J2,a,8\nE2,J2,a,10\n")
        #expect(F.table(result) == ["E2 1 7.00", "E1 2 5.00"])
        #expect(result.nominations[0].entries.map { $0.stages[0].trials[0].normalised } == [F.number("9.16"), F.number("2.84")])
    }
}
