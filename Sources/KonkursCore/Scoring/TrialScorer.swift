/// Scores one trial for the active entries of one nomination: marks → per-juror totals → one value
/// across jurors → factor and extras per attempt → attempts combined → trial weight.
/// A class: it keeps a scratch table between entries and is shared, not copied, by its closures.
final class TrialScorer {
    let regulation: Regulation
    let trialIndex: Int
    let trial: Trial
    let groups: MarkGroups
    let input: ScoreInput
    let nomination: String
    /// Row of each juror in the attempt being read (−1: none yet); reset after every attempt.
    private var rowOfJuror: [Int32]

    init(regulation: Regulation, trialIndex: Int, trial: Trial, groups: MarkGroups, input: ScoreInput, nomination: String) {
        self.regulation = regulation
        self.trialIndex = trialIndex
        self.trial = trial
        self.groups = groups
        self.input = input
        self.nomination = nomination
        rowOfJuror = Array(repeating: -1, count: input.jurors.count)
    }

    private var rounding: Rounding { regulation.rounding }

    /// One juror's marks in one attempt, one slot per criterion (nil: not marked).
    struct JurorRow {
        let juror: Int32
        var marks: [Rational?]
        var isComplete: Bool { marks.allSatisfy { $0 != nil } }
    }

    struct AttemptScore {
        var score: Rational
        var criteria: [Rational?]
        var components: [String: Rational]
        var jurors: Int
        var method: Aggregation.Method
        var normalised: Rational?
    }

    func score(entries: [Int]) throws -> [Int: TrialResult] {
        if trial.acrossJurors.method.isRankBased { return try rankBasedScores(entries: entries) }
        var perJurorTotals: [Int: [(juror: Int32, total: Rational)]] = [:]
        var attemptsByEntry: [Int: [AttemptScore]] = [:]
        for entry in entries {
            var attempts: [AttemptScore] = []
            for attempt in 1...trial.attempts {
                let rows = try jurorRows(entry: entry, attempt: attempt)
                guard !rows.isEmpty else { continue }
                var result = try cardinal(rows)
                if attempt == 1 && trial.normalisation == .zScore {
                    perJurorTotals[entry] = try rows.filter(\.isComplete).map { ($0.juror, try combine($0.marks.map { $0! })) }
                }
                result.score = try finish(result.score, entry: entry, attempt: attempt, components: &result.components)
                attempts.append(result)
            }
            attemptsByEntry[entry] = attempts
        }
        let normalised = trial.normalisation == .zScore ? try checked { try Normaliser.normalise(perJurorTotals, rule: trial.acrossJurors) } : [:]
        var results: [Int: TrialResult] = [:]
        for entry in entries {
            results[entry] = try combineAttempts(attemptsByEntry[entry] ?? [], normalised: normalised[entry])
        }
        return results
    }

    // MARK: - Marks

    private func jurorRows(entry: Int, attempt: Int) throws -> [JurorRow] {
        var rows: [JurorRow] = []
        defer { for row in rows { rowOfJuror[Int(row.juror)] = -1 } }
        for mark in groups.marks(trial: trialIndex, entry: entry, attempt: attempt) {
            guard let score = mark.score else { continue }
            var value = score
            if let penalty = mark.penalty { value = try checked { try value.subtracting(penalty) } }
            if let floor = trial.markFloor, value < floor { value = floor }
            var row = Int(rowOfJuror[Int(mark.juror)])
            if row < 0 {
                row = rows.count
                rowOfJuror[Int(mark.juror)] = Int32(row)
                rows.append(JurorRow(juror: mark.juror, marks: Array(repeating: nil, count: trial.criteria.count)))
            }
            rows[row].marks[Int(mark.criterion)] = value
        }
        return rows
    }

    /// A juror's trial total from their marks on every criterion.
    func combine(_ marks: [Rational]) throws -> Rational {
        var total = Rational.zero
        var weights = Rational.zero
        for (criterion, mark) in zip(trial.criteria, marks) {
            var contribution = trial.perJuror == .sum ? mark : try checked { try mark.multiplied(by: criterion.weight) }
            if let cap = criterion.cap, contribution > cap { contribution = cap }
            total = try checked { try total.adding(contribution) }
            weights = try checked { try weights.adding(criterion.weight) }
        }
        if trial.perJuror == .weightedMean { return try checked { try total.divided(by: weights) } }
        return total
    }

    private func cardinal(_ rows: [JurorRow]) throws -> AttemptScore {
        let rule = trial.acrossJurors
        var criteria: [Rational?] = []
        var used = rule.method
        for index in trial.criteria.indices {
            let values = rows.compactMap { $0.marks[index] }
            if values.isEmpty {
                criteria.append(nil)
                continue
            }
            let (value, method) = try checked { try Aggregator.aggregate(values, rule) }
            criteria.append(try roundAt(.aggregate, value))
            if rule.target == .criterion { used = method }
        }
        let complete = rows.filter(\.isComplete)
        let value: Rational
        switch rule.target {
        case .total:
            let totals = try complete.map { try combine($0.marks.map { $0! }) }
            guard !totals.isEmpty else {
                return AttemptScore(score: .zero, criteria: criteria, components: [:], jurors: 0, method: rule.method)
            }
            let aggregated = try checked { try Aggregator.aggregate(totals, rule) }
            used = aggregated.used
            value = try roundAt(.aggregate, aggregated.value)
        case .criterion:
            value = try combine(criteria.map { $0 ?? .zero })
        }
        return AttemptScore(
            score: value, criteria: criteria, components: [:], jurors: rule.target == .total ? complete.count : rows.count, method: used)
    }

    /// Factor, extra points and named components of the attempt, then the trial's floor.
    private func finish(_ value: Rational, entry: Int, attempt: Int, components: inout [String: Rational]) throws -> Rational {
        let key = ScoreInput.AttemptKey(entry: Int32(entry), trial: Int16(trialIndex), attempt: Int16(attempt))
        let values = input.attempts[key] ?? ScoreInput.AttemptValues()
        var score = value
        if let factor = values.factor {
            score = try roundAt(.component, try checked { try score.multiplied(by: factor) })
        }
        if let extra = values.extra { score = try checked { try score.adding(extra) } }
        for (name, component) in values.components.sorted(by: { $0.key < $1.key }) {
            score = try checked { try score.adding(component) }
            components[name] = component
        }
        if let floor = trial.floor, score < floor { score = floor }
        return score
    }

    private func combineAttempts(_ attempts: [AttemptScore], normalised: Rational?) throws -> TrialResult {
        guard !attempts.isEmpty else {
            return TrialResult(
                trial: trial.id, score: .zero, normalised: nil, jurors: 0, method: trial.acrossJurors.method.rawValue,
                criteria: [], components: [], missing: true)
        }
        let counted: [AttemptScore]
        switch trial.combineAttempts {
        case .best: counted = [attempts.max { $0.score < $1.score }!]
        case .sum: counted = attempts
        }
        var score = try checked { try Rational.sum(counted.map(\.score)) }
        score = try roundAt(.component, try checked { try score.multiplied(by: trial.weight) })
        var criteria: [(String, Rational)] = []
        for (index, criterion) in trial.criteria.enumerated() {
            let values = counted.compactMap { $0.criteria[index] }
            if !values.isEmpty { criteria.append((criterion.id, try checked { try Rational.sum(values) })) }
        }
        var components: [String: Rational] = [:]
        for attempt in counted {
            for (name, value) in attempt.components { components[name] = try checked { try (components[name] ?? .zero).adding(value) } }
        }
        return TrialResult(
            trial: trial.id, score: score, normalised: try normalised.map { try roundAt(.end, $0) },
            jurors: counted.map(\.jurors).max() ?? 0, method: counted[0].method.rawValue,
            criteria: criteria, components: components.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, missing: false)
    }

    // MARK: - Rank-based methods

    private func rankBasedScores(entries: [Int]) throws -> [Int: TrialResult] {
        var totals: [Int32: [Int: Rational]] = [:]  // juror → entry → total
        for entry in entries {
            for row in try jurorRows(entry: entry, attempt: 1) where row.isComplete {
                totals[row.juror, default: [:]][entry] = try combine(row.marks.map { $0! })
            }
        }
        let ordered = entries.filter { entry in totals.values.contains { $0[entry] != nil } }
        for (juror, scored) in totals.sorted(by: { $0.key < $1.key }) where scored.count != ordered.count {
            let missing = ordered.filter { scored[$0] == nil }.map { input.entries[$0].id }
            throw ScoringError.incompleteRanking(trial: trial.id, nomination: nomination, juror: input.jurors[Int(juror)], missing: missing)
        }
        let table = totals.sorted { $0.key < $1.key }.map { _, scored in ordered.map { scored[$0]! } }
        let scores = try checked { try RankAggregator.scores(trial.acrossJurors.method, totals: table, entryCount: ordered.count) }
        var results: [Int: TrialResult] = [:]
        for entry in entries {
            guard let position = ordered.firstIndex(of: entry) else {
                results[entry] = try combineAttempts([], normalised: nil)
                continue
            }
            var components: [String: Rational] = [:]
            let value = try finish(try roundAt(.aggregate, scores[position]), entry: entry, attempt: 1, components: &components)
            let attempt = AttemptScore(
                score: value, criteria: Array(repeating: nil, count: trial.criteria.count), components: components,
                jurors: table.count, method: trial.acrossJurors.method)
            results[entry] = try combineAttempts([attempt], normalised: nil)
        }
        return results
    }

    // MARK: - Exactness

    private func roundAt(_ point: RoundingPoint, _ value: Rational) throws -> Rational {
        guard point == .end || regulation.roundingPoints.contains(point) else { return value }
        return try checked { try rounding.apply(value) }
    }

    private func checked<Value>(_ work: () throws -> Value) throws -> Value {
        do {
            return try work()
        } catch is Rational.Overflow {
            throw ScoringError.overflow(context: "испытание «\(trial.id)», номинация «\(nomination)»")
        }
    }
}
