import Foundation

/// One juror's marks for one application in one trial: a draft while they work, locked once submitted.
public struct ScoreSheet: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft, submitted

        public var title: String { self == .draft ? "черновик" : "сдан" }
    }

    public let id: Int64
    public let contestID: Int64
    public let stage: String
    public let trial: String
    public let applicationID: Int64
    public let jurorID: Int64
    public var status: Status
    /// Marks (and penalties) by `SheetField.key`, as exact decimals.
    public var marks: [String: Rational]
    public var comments: [String: String]
    /// Grows with every change: an edit based on an older version is refused.
    public var version: Int
    /// The versions a client may name: 0 before the first save, then what the database's `integer` holds.
    public static let versions = 0...Int(Int32.max)
    /// Set when the secretary typed the sheet in from paper.
    public var enteredBy: String?

    public init(
        id: Int64, contestID: Int64, stage: String, trial: String, applicationID: Int64, jurorID: Int64, status: Status, marks: [String: Rational],
        comments: [String: String], version: Int, enteredBy: String?
    ) {
        self.id = id
        self.contestID = contestID
        self.stage = stage
        self.trial = trial
        self.applicationID = applicationID
        self.jurorID = jurorID
        self.status = status
        self.marks = marks
        self.comments = comments
        self.version = version
        self.enteredBy = enteredBy
    }
}

/// The rules a sheet's marks follow: the engine's scales (min, max, step), and what submitting needs.
public enum SheetRules {
    /// The mark typed for a criterion, or why it is refused.
    public static func mark(_ text: String, for criterion: Criterion) throws(InvalidInput) -> Rational {
        let typed = text.trimmingSpaces.replacingAll(",", with: ".")
        guard let value = DecimalText.parse(typed) else {
            throw InvalidInput([.init(field: criterion.id, message: "«\(criterion.title)»: «\(text)» — не число")])
        }
        guard criterion.accepts(value) else {
            throw InvalidInput([.init(field: criterion.id, message: "«\(criterion.title)»: оценка \(typed) вне шкалы — \(scale(criterion))")])
        }
        return value
    }

    /// "от 0 до 10 с шагом 0.5".
    public static func scale(_ criterion: Criterion) -> String {
        "от \(DecimalText.exact(criterion.minimum) ?? "") до \(DecimalText.exact(criterion.maximum) ?? "") с шагом \(DecimalText.exact(criterion.step) ?? "")"
    }

    /// What keeps a sheet from being submitted: a criterion without a mark, a mark at the end of its
    /// scale without the comment the regulation asks for.
    /// The first attempt needs every mark; a later one is either left empty (not made) or marked in full.
    public static func submitProblems(_ sheet: ScoreSheet, trial: Trial, rules: JuryRules) -> [String] {
        var problems: [String] = []
        for attempt in 1...trial.attempts {
            let fields = trial.criteria.map { SheetField(criterion: $0.id, attempt: attempt) }
            if attempt > 1 && !fields.contains(where: { sheet.marks[$0.key] != nil }) { continue }
            let section = trial.attempts == 1 ? "" : " (попытка \(attempt))"
            for (criterion, field) in zip(trial.criteria, fields) {
                guard let mark = sheet.marks[field.key] else {
                    problems.append("Нет оценки по критерию «\(criterion.title)»\(section)")
                    continue
                }
                let atExtreme = mark == criterion.minimum || mark == criterion.maximum
                if rules.commentAtExtremes && atExtreme && (sheet.comments[field.key]?.trimmingSpaces ?? "").isEmpty {
                    problems.append(
                        "Оценка \(DecimalText.exact(mark) ?? "") по критерию «\(criterion.title)»\(section) — крайняя: положение требует комментарий")
                }
            }
        }
        return problems
    }

    /// A juror's total for the trial as the per-juror rule adds it (weights and penalties applied,
    /// attempts combined as declared; factors and extras are the attempt's, not the juror's), for
    /// progress and disagreement checks; the protocol itself is always computed by the engine.
    public static func total(_ sheet: ScoreSheet, trial: Trial) -> Rational? {
        var totals: [Rational] = []
        for attempt in 1...trial.attempts {
            var total = Rational.zero
            var complete = true
            for criterion in trial.criteria {
                let field = SheetField(criterion: criterion.id, attempt: attempt)
                guard let mark = sheet.marks[field.key] else {
                    complete = false
                    break
                }
                let penalty = sheet.marks[SheetField(criterion: criterion.id, attempt: attempt, isPenalty: true).key] ?? .zero
                guard let net = try? mark.subtracting(penalty), let weighted = try? net.multiplied(by: criterion.weight),
                    let sum = try? total.adding(weighted)
                else { return nil }
                total = sum
            }
            if complete { totals.append(total) }
        }
        guard let first = totals.first else { return nil }
        switch trial.combineAttempts {
        case .best: return totals.max() ?? first
        case .sum: return try? Rational.sum(totals)
        }
    }

    /// Applications whose jurors' totals in a trial lie further apart than the threshold.
    public static func disagreements(_ sheets: [ScoreSheet], trial: Trial, threshold: Rational) -> [Int64: Rational] {
        var spreads: [Int64: Rational] = [:]
        for (application, group) in Dictionary(grouping: sheets.filter { $0.trial == trial.id && $0.status == .submitted }, by: \.applicationID) {
            let totals = group.compactMap { total($0, trial: trial) }
            guard let high = totals.max(), let low = totals.min(), let spread = try? high.subtracting(low), spread > threshold else { continue }
            spreads[application] = spread
        }
        return spreads
    }
}
