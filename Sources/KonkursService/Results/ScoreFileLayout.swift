import Foundation
import KonkursCore

/// The score file the database path writes for the offline computation: the columns the regulation
/// uses (`attempt` when a trial has several, `penalty`, `factor`, `extra`, `extra:NAME` when a trial
/// declares them) and one row per mark, each carrying its attempt's values. The same marks always
/// give the same bytes: a file in this form imported and exported again is unchanged.
struct ScoreFileLayout {
    struct AttemptKey: Hashable {
        let applicationID: Int64
        let trial: String
        let attempt: Int
    }

    let regulation: Regulation
    let hasAttempts: Bool
    let hasPenalty: Bool
    /// `factor`, `extra`, then the named extras by name.
    let attemptColumns: [String]
    private let fields: [String: [SheetField]]

    init(regulation: Regulation) {
        self.regulation = regulation
        hasAttempts = regulation.trials.contains { $0.attempts > 1 }
        hasPenalty = regulation.trials.contains { $0.penalty != nil }
        let declared = Set(regulation.trials.flatMap { $0.attemptComponents.map(\.column) })
        attemptColumns =
            ["factor", "extra"].filter(declared.contains)
            + declared.filter { $0.hasPrefix("extra:") }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        fields = Dictionary(uniqueKeysWithValues: regulation.trials.map { ($0.id, SheetField.fields(of: $0)) })
    }

    var header: String {
        (["entry", "juror", "trial", "criterion"] + (hasAttempts ? ["attempt"] : []) + ["score"] + (hasPenalty ? ["penalty"] : []) + attemptColumns)
            .map { Table.field($0, protectFormulas: false) }.joined(separator: ",") + "\r\n"
    }

    /// The rows of one submitted sheet; `values` are in the order of `SheetField.fields(of:)`.
    func write(
        application: Int64, login: String, trial: String, values: [String], attemptValues: [AttemptKey: [String: String]], to file: inout String
    ) {
        guard let fields = fields[trial], let declared = regulation.trials.first(where: { $0.id == trial }) else { return }
        let byKey = Dictionary(uniqueKeysWithValues: zip(fields.map(\.key), values))
        let sheet = "\(application),\(Table.field(login, protectFormulas: false)),\(Table.field(trial, protectFormulas: false)),"
        for field in fields where !field.isPenalty {
            guard let text = Self.exact(byKey[field.key]) else { continue }
            file += sheet
            file += Table.field(field.criterion, protectFormulas: false)
            if hasAttempts { file += ",\(field.attempt)" }
            file += ",\(text)"
            if hasPenalty {
                file += ","
                if declared.penalty != nil,
                    let penalty = Self.exact(byKey[SheetField(criterion: field.criterion, attempt: field.attempt, isPenalty: true).key])
                {
                    file += penalty
                }
            }
            let own = attemptValues[AttemptKey(applicationID: application, trial: trial, attempt: field.attempt)] ?? [:]
            for column in attemptColumns {
                file += ","
                if declared.component(column: column) != nil, let value = Self.exact(own[column]) { file += value }
            }
            file += "\r\n"
        }
    }

    private static func exact(_ text: String?) -> String? {
        guard let text, let value = DecimalText.parse(text) else { return nil }
        return DecimalText.exact(value)
    }
}
