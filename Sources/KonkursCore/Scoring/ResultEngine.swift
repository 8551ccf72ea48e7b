/// Computes a contest's protocol from a regulation, the marks and the recorded decisions.
/// Pure: the same input always gives the same protocol, byte for byte once rendered.
public struct ResultEngine {
    let regulation: Regulation
    let input: ScoreInput
    let decisions: Decisions
    private let groups: MarkGroups

    public init(regulation: Regulation, input: ScoreInput, decisions: Decisions = .none) {
        self.regulation = regulation
        self.input = input
        self.decisions = decisions
        groups = MarkGroups(
            marks: input.marks, trialCount: regulation.trials.count, entryCount: input.entries.count,
            maxAttempts: regulation.trials.map(\.attempts).max() ?? 1)
    }

    public func compute(inputs: [InputDigest] = []) throws -> ResultProtocol {
        try checkDecisions()
        var warnings: [String] = []
        let nominations = try regulation.nominations.map { nomination in
            let result = try computeNomination(nomination)
            for record in result.tieBreaks where record.outcome == .pending {
                warnings.append("«\(nomination.title)»: равенство \(record.entries.joined(separator: ", ")) — \(record.note ?? "")")
            }
            return result
        }
        return ResultProtocol(
            contest: regulation.contest, edition: regulation.edition, rounding: regulation.rounding,
            nominations: nominations, inputs: inputs, warnings: warnings)
    }

    // MARK: - Nomination

    private struct EntryState {
        var stages: [StageResult] = []
        var running: Rational = .zero
        var eliminatedAfter: String?
    }

    private func computeNomination(_ nomination: Nomination) throws -> NominationResult {
        let members = input.entries.indices.filter { input.entries[$0].nomination == nomination.id }
        var active = members.filter { input.entries[$0].status == .ok }
        var states: [Int: EntryState] = [:]
        var eliminatedGroups: [[Int]] = []
        for (stageIndex, stage) in regulation.stages.enumerated() {
            var trialResults: [Int: [TrialResult]] = [:]
            for trial in stage.trials {
                let trialIndex = regulation.trials.firstIndex { $0.id == trial.id }!
                let scorer = TrialScorer(
                    regulation: regulation, trialIndex: trialIndex, trial: trial, groups: groups, input: input, nomination: nomination.id)
                for (entry, result) in try scorer.score(entries: active) { trialResults[entry, default: []].append(result) }
            }
            for entry in active {
                var state = states[entry] ?? EntryState()
                let trials = trialResults[entry] ?? []
                let score = try overflowChecked { try Rational.sum(trials.map(\.score)) }
                let previous = stage.carriesOver ? state.running : .zero
                state.running = try rankingValue(try overflowChecked { try previous.adding(score) })
                state.stages.append(StageResult(stage: stage.id, score: score, runningTotal: state.running, trials: trials))
                states[entry] = state
            }
            if stageIndex < regulation.stages.count - 1 {
                let qualifiers = advance(active, rule: stage.advancement, totals: states.mapValues(\.running))
                let dropped = active.filter { !qualifiers.contains($0) }
                for entry in dropped { states[entry]?.eliminatedAfter = stage.id }
                if !dropped.isEmpty { eliminatedGroups.insert(dropped, at: 0) }
                active = active.filter { qualifiers.contains($0) }
            }
        }

        var records: [TieBreakRecord] = []
        let breaker = tieBreaker(for: nomination, states: states)
        let rankedCount = members.filter { input.entries[$0].status == .ok }.count
        let held = rankedCount >= nomination.minimumEntrants
        var placed: [(group: [String], place: Int)] = []
        if held && nomination.places {
            var next = 1
            for group in [active] + eliminatedGroups {
                let ids = group.map { input.entries[$0].id }
                let totals = Dictionary(uniqueKeysWithValues: group.map { (input.entries[$0].id, states[$0]!.running) })
                for tied in breaker.rank(ids, totals: totals, records: &records) {
                    placed.append((tied, next))
                    next += tied.count
                }
            }
        }

        let index = Dictionary(uniqueKeysWithValues: members.map { (input.entries[$0].id, $0) })
        var results: [EntryResult] = []
        for (group, place) in placed {
            for id in group {
                results.append(entryResult(index[id]!, state: states[index[id]!], place: place, shared: group.count > 1, nomination: nomination))
            }
        }
        let placedIDs = Set(placed.flatMap(\.group))
        // Unplaced: entries of a nomination not held (by total), then withdrawn and disqualified (by id).
        let unplaced = members.filter { !placedIDs.contains(input.entries[$0].id) }.sorted { left, right in
            let (l, r) = (states[left]?.running, states[right]?.running)
            if l != r, let l, let r { return regulation.result.order == .descending ? l > r : l < r }
            if (l == nil) != (r == nil) { return l != nil }
            return input.entries[left].id < input.entries[right].id
        }
        for entry in unplaced {
            results.append(entryResult(entry, state: states[entry], place: nil, shared: false, nomination: nomination, held: held))
        }
        return NominationResult(
            id: nomination.id, title: nomination.title, held: held,
            notHeldReason: held ? nil : "участников \(rankedCount), меньше минимума \(nomination.minimumEntrants)",
            places: nomination.places, entries: results, tieBreaks: records)
    }

    private func entryResult(
        _ entry: Int, state: EntryState?, place: Int?, shared: Bool, nomination: Nomination, held: Bool = true
    ) -> EntryResult {
        let info = input.entries[entry]
        let award: EntryResult.Award? =
            info.status != .ok || !held
            ? nil
            : nomination.places
                ? AwardRules.award(place: place, total: state?.running, scheme: nomination.awards, order: regulation.result.order) : .participant
        let prizes = decisions.specialPrizes.filter { $0.nomination == nomination.id && $0.entry == info.id }.map(\.prize)
        return EntryResult(
            entry: info.id, name: info.name, organisation: info.organisation, status: info.status,
            total: info.status == .ok ? state?.running : nil, place: place, shared: shared, award: award,
            specialPrizes: prizes, eliminatedAfter: state?.eliminatedAfter, stages: state?.stages ?? [])
    }

    // MARK: - Rules

    /// The value places are decided by: floored by the regulation, rounded as declared.
    private func rankingValue(_ value: Rational) throws -> Rational {
        var result = value
        if let floor = regulation.result.floor, result < floor { result = floor }
        return try overflowChecked { try regulation.rounding.apply(result) }
    }

    private func advance(_ entries: [Int], rule: Stage.Advancement, totals: [Int: Rational]) -> Set<Int> {
        let descending = regulation.result.order == .descending
        let groups = TieBreaker.split(entries.map(String.init), by: { totals[Int($0)!] }, descending: descending).map { $0.map { Int($0)! } }
        let wanted: Int
        switch rule {
        case .all: return Set(entries)
        case .threshold(let threshold):
            return Set(entries.filter { descending ? totals[$0]! >= threshold : totals[$0]! <= threshold })
        case .top(let count): wanted = count
        case .topPercent(let percent): wanted = (entries.count * percent + 99) / 100
        }
        // Whole groups: entries tied with the last qualifier qualify too.
        var qualifiers: Set<Int> = []
        for group in groups where qualifiers.count < wanted { qualifiers.formUnion(group) }
        return qualifiers
    }

    private func tieBreaker(for nomination: Nomination, states: [Int: EntryState]) -> TieBreaker {
        let ids = Dictionary(uniqueKeysWithValues: input.entries.enumerated().map { ($1.id, $0) })
        return TieBreaker(
            rules: regulation.result.ties, order: regulation.result.order, nomination: nomination.id,
            decisions: decisions.ties.filter { $0.nomination == nomination.id }
        ) { subject, id in
            guard let entry = ids[id], let state = states[entry] else { return nil }
            let trials = state.stages.flatMap(\.trials)
            switch subject {
            case .stage(let stage): return state.stages.first { $0.stage == stage }?.score
            case .trial(let trial): return trials.first { $0.trial == trial }?.score
            case .criterion(let trial, let criterion):
                return trials.first { $0.trial == trial }?.criteria.first { $0.id == criterion }?.value
            case .component(let name):
                let values = trials.flatMap(\.components).filter { $0.name == name }.map(\.value)
                return values.isEmpty ? nil : try? Rational.sum(values)
            }
        }
    }

    private func checkDecisions() throws {
        let known = Set(input.entries.map { "\($0.nomination)\u{0}\($0.id)" })
        for decision in decisions.ties {
            for entry in decision.order where !known.contains("\(decision.nomination)\u{0}\(entry)") {
                throw ScoringError.unknownDecisionEntry(nomination: decision.nomination, entry: entry)
            }
        }
        for prize in decisions.specialPrizes {
            guard known.contains("\(prize.nomination)\u{0}\(prize.entry)") else {
                throw ScoringError.unknownDecisionEntry(nomination: prize.nomination, entry: prize.entry)
            }
            guard regulation.nomination(prize.nomination)?.awards.specialPrizes.contains(prize.prize) == true else {
                throw ScoringError.unknownSpecialPrize(nomination: prize.nomination, entry: prize.entry, prize: prize.prize)
            }
        }
    }

    private func overflowChecked<Value>(_ work: () throws -> Value) throws -> Value {
        do {
            return try work()
        } catch is Rational.Overflow {
            throw ScoringError.overflow(context: "итог")
        }
    }
}

/// Which award a place (or a total, for laureate thresholds) earns under a nomination's scheme.
enum AwardRules {
    static func award(place: Int?, total: Rational?, scheme: AwardScheme, order: ResultRules.Order) -> EntryResult.Award? {
        guard let place else { return nil }
        if place <= scheme.winnerPlaces { return .winner }
        if scheme.secondPrize && place == scheme.winnerPlaces + 1 { return .second }
        if scheme.thirdPrize && place == scheme.winnerPlaces + (scheme.secondPrize ? 2 : 1) { return .third }
        let prizePlaces = scheme.winnerPlaces + (scheme.secondPrize ? 1 : 0) + (scheme.thirdPrize ? 1 : 0)
        switch scheme.laureates {
        case .top(let count) where place <= prizePlaces + count: return .laureate
        case .threshold(let threshold):
            if let total, order == .descending ? total >= threshold : total <= threshold { return .laureate }
        default: break
        }
        return scheme.participants ? .participant : nil
    }
}
