import KonkursTesting
import PropertyBased
import Testing

@testable import KonkursCore

/// Properties that must hold for any marks, checked on random tables.
@Suite struct EnginePropertyTests {
    typealias F = EngineFixture

    /// Marks 0…10 for 4 entries × 5 jurors × 2 criteria, as a flat list in row order.
    static let markTables = Gen.int(in: 0...10).array(of: 40)

    static func rows(_ marks: [Int]) -> [String] {
        var rows: [String] = []
        var index = 0
        for entry in 1...4 {
            for juror in 1...5 {
                for criterion in ["a", "b"] {
                    rows.append("E\(entry),J\(juror),\(criterion),\(marks[index])")
                    index += 1
                }
            }
        }
        return rows
    }

    static func regulation(_ method: String) throws -> Regulation {
        try F.regulation(
            trials: ["{id: t, title: T, across_jurors: \(method), criteria: [{id: a, title: A, max: 10}, {id: b, title: B, max: 10}]}"],
            result: "{ties: [{higher: {criterion: t.a}}, shared]}")
    }

    static func json(_ regulation: Regulation, _ rows: [String]) throws -> String {
        let result = try F.compute(regulation, scores: (["entry,juror,criterion,score"] + rows).joined(separator: "\n"))
        return ProtocolRenderer(result, regulation: regulation).render(.json)
    }

    static let monotoneMethods = [
        "sum", "mean", "median", "{method: trimmed_mean, trim: 1, minimum_panel: 5}", "{method: middle_sum, trim: 1, minimum_panel: 3}",
    ]

    @Test func resultsDoNotDependOnTheOrderOfRows() async throws {
        let regulation = try Self.regulation("{method: trimmed_mean, trim: 1, minimum_panel: 5}")
        await propertyCheck(count: 40, input: Self.markTables, Gen.int(in: 0...1_000_000)) { marks, seed in
            let rows = Self.rows(marks)
            var generator = SplitMix(seed: UInt64(seed))
            let shuffled = rows.shuffled(using: &generator)
            // Entries and jurors first seen in another order must not change anything either.
            let original = try Self.json(regulation, rows)
            let reordered = try Self.json(regulation, shuffled)
            #expect(original == reordered)
        }
    }

    @Test func raisingOneMarkNeverLowersThatEntrysTotal() async throws {
        for method in Self.monotoneMethods {
            let regulation = try Self.regulation(method)
            await propertyCheck(count: 25, input: Self.markTables, Gen.int(in: 0...39)) { marks, position in
                guard marks[position] < 10 else { return }
                var raised = marks
                raised[position] += 1
                let entry = "E\(position / 10 + 1)"
                let before = try F.compute(regulation, scores: (["entry,juror,criterion,score"] + Self.rows(marks)).joined(separator: "\n"))
                let after = try F.compute(regulation, scores: (["entry,juror,criterion,score"] + Self.rows(raised)).joined(separator: "\n"))
                let total = { (result: ResultProtocol) in result.nominations[0].entries.first { $0.entry == entry }!.total! }
                #expect(total(after) >= total(before), "\(method)")
            }
        }
    }

    @Test func aTrimmedMeanWithNothingTrimmedIsTheMean() async {
        await propertyCheck(input: Gen.int(in: -50...50).array(of: 1...12)) { values in
            let marks = values.map { Rational($0) }
            let trimmed = try Aggregator.aggregate(
                marks, Aggregation(method: .trimmedMean, trim: 0, minimumPanel: 1, fallback: .mean, target: .total))
            let mean = try Aggregator.aggregate(marks, .mean)
            #expect(trimmed.value == mean.value)
        }
    }

    @Test func normalisationKeepsEachJurorsRanking() async {
        await propertyCheck(input: Gen.int(in: 0...20).array(of: 12)) { values in
            // Three jurors × four entries.
            var totals: [Int: [(juror: Int32, total: Rational)]] = [:]
            for (index, value) in values.enumerated() { totals[index % 4, default: []].append((Int32(index / 4), Rational(value))) }
            let rescaled = try Normaliser.rescaled(totals)
            for juror in Int32(0)..<3 {
                let raw = (0..<4).map { entry in totals[entry]!.first { $0.juror == juror }!.total }
                let moved = (0..<4).map { entry in rescaled[entry]!.first { $0.juror == juror }!.total }
                for a in 0..<4 {
                    for b in 0..<4 where raw[a] < raw[b] { #expect(moved[a] < moved[b]) }
                    for b in 0..<4 where raw[a] == raw[b] { #expect(moved[a] == moved[b]) }
                }
            }
        }
    }

    @Test func theSameInputGivesByteIdenticalProtocolsInEveryFormat() async throws {
        let regulation = try Self.regulation("mean")
        await propertyCheck(count: 20, input: Self.markTables) { marks in
            let scores = (["entry,juror,criterion,score"] + Self.rows(marks)).joined(separator: "\n")
            for format in ProtocolRenderer.Format.allCases {
                let first = ProtocolRenderer(try F.compute(regulation, scores: scores), regulation: regulation).render(format)
                let second = ProtocolRenderer(try F.compute(regulation, scores: scores), regulation: regulation).render(format)
                #expect(first == second)
            }
        }
    }
}
