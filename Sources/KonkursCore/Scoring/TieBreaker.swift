/// Orders entries by their total and settles equal totals with the regulation's cascade, recording
/// every step so the protocol shows how each tie was resolved.
struct TieBreaker {
    let rules: [TieRule]
    let order: ResultRules.Order
    let nomination: String
    let decisions: [Decisions.TieDecision]
    /// The value of a tie rule's subject for an entry (nil: the entry has none, it ranks last).
    let value: (TieRule.Subject, String) -> Rational?

    /// Groups of entry ids, best first; entries in one group share a place.
    func rank(_ entries: [String], totals: [String: Rational], records: inout [TieBreakRecord]) -> [[String]] {
        let groups = Self.split(entries, by: { totals[$0] }, descending: order == .descending)
        var ranked: [[String]] = []
        for group in groups {
            ranked += group.count == 1 ? [group] : settle(group, from: 0, records: &records)
        }
        return ranked
    }

    /// Splits `entries` into groups of equal key, best first (missing keys last). Inside a group entries
    /// are ordered by id, so the protocol does not depend on the order of the input rows.
    static func split(_ entries: [String], by key: (String) -> Rational?, descending: Bool) -> [[String]] {
        let sorted = entries.sorted { left, right in
            switch (key(left), key(right)) {
            case (let l?, let r?) where l != r: return descending ? l > r : l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left < right
            }
        }
        var groups: [[String]] = []
        for entry in sorted {
            if let last = groups.last?.last, key(last) == key(entry) {
                groups[groups.count - 1].append(entry)
            } else {
                groups.append([entry])
            }
        }
        return groups
    }

    private func settle(_ group: [String], from ruleIndex: Int, records: inout [TieBreakRecord]) -> [[String]] {
        guard ruleIndex < rules.count else {
            records.append(
                TieBreakRecord(
                    rule: "end", entries: group, values: [:], outcome: .shared, order: [group],
                    note: "правила разрешения равенства исчерпаны: место делится"))
            return [group]
        }
        let rule = rules[ruleIndex]
        let subgroups: [[String]]
        var values: [String: Rational] = [:]
        var outcome: TieBreakRecord.Outcome
        var note: String?
        switch rule {
        case .higher(let subject), .lower(let subject):
            for entry in group { values[entry] = value(subject, entry) }
            let isHigher = if case .higher = rule { true } else { false }
            subgroups = Self.split(group, by: { values[$0] }, descending: isHigher)
            outcome = subgroups.count > 1 ? .separated : .stillTied
        case .decision(let method):
            if let decision = decisions.first(where: { $0.method == method && Set($0.order) == Set(group) }) {
                subgroups = decision.order.map { [$0] }
                outcome = .separated
                note = decision.note
            } else {
                subgroups = [group]
                outcome = .pending
                note =
                    method == .chair
                    ? "нужно решение председателя жюри (решающий голос); внесите его в файл решений"
                    : "нужно голосование жюри; внесите его результат в файл решений"
            }
        case .shared:
            records.append(TieBreakRecord(rule: Self.describe(rule), entries: group, values: [:], outcome: .shared, order: [group], note: nil))
            return [group]
        }
        records.append(TieBreakRecord(rule: Self.describe(rule), entries: group, values: values, outcome: outcome, order: subgroups, note: note))
        return subgroups.flatMap { $0.count == 1 ? [$0] : settle($0, from: ruleIndex + 1, records: &records) }
    }

    static func describe(_ rule: TieRule) -> String {
        func subject(_ value: TieRule.Subject) -> String {
            switch value {
            case .stage(let id): "stage \(id)"
            case .trial(let id): "trial \(id)"
            case .criterion(let trial, let criterion): "criterion \(trial).\(criterion)"
            case .component(let name): "component \(name)"
            }
        }
        switch rule {
        case .higher(let value): return "higher \(subject(value))"
        case .lower(let value): return "lower \(subject(value))"
        case .decision(let method): return "decision \(method.rawValue)"
        case .shared: return "shared"
        }
    }
}
