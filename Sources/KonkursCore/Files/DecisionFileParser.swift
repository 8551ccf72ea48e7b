import Yams

/// Reads the decisions file (`D.yaml`): tie decisions by the jury or the chair, and special prizes.
///
/// ```yaml
/// ties:
///   - nomination: main
///     method: chair            # or jury_vote
///     order: [E7, E3]          # best first
///     note: Решающий голос председателя, протокол № 3
/// special_prizes:
///   - {nomination: main, entry: E5, prize: Приз зрительских симпатий}
/// ```
public enum DecisionFileParser {
    public static func parse(_ text: String, file: String) throws(RegulationError) -> Decisions {
        let reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let line = (error as? YamlError)?.line ?? 0
            throw RegulationError(
                issues: [RegulationIssue(file: file, line: line, field: "", problem: "ошибка синтаксиса YAML: \(error)")], document: "в файле решений"
            )
        }
        guard let root, let fields = reader.fields(root, "", known: ["ties", "special_prizes"]) else {
            if root == nil { return .none }
            throw RegulationError(issues: reader.issues, document: "в файле решений")
        }
        var decisions = Decisions()
        for (index, node) in (reader.list(fields["ties"], "ties") ?? []).enumerated() {
            let path = "ties[\(index)]"
            guard let tie = reader.fields(node, path, known: ["nomination", "method", "order", "note"]) else { continue }
            let nomination = reader.string(tie, "nomination", path, required: true)
            let method = reader.choice(tie, "method", path, as: TieRule.Decision.self)
            if tie["method"] == nil { reader.report(node, "\(path).method", "обязательное поле не задано (chair или jury_vote)") }
            let order = (reader.list(tie["order"], "\(path).order") ?? []).compactMap(\.string)
            if order.count < 2 { reader.report(node, "\(path).order", "укажите не меньше двух участников, лучший первым") }
            if Set(order).count != order.count { reader.report(node, "\(path).order", "участник указан дважды") }
            if let nomination, let method, order.count >= 2 {
                decisions.ties.append(.init(nomination: nomination, order: order, method: method, note: reader.string(tie, "note", path)))
            }
        }
        for (index, node) in (reader.list(fields["special_prizes"], "special_prizes") ?? []).enumerated() {
            let path = "special_prizes[\(index)]"
            guard let prize = reader.fields(node, path, known: ["nomination", "entry", "prize", "note"]) else { continue }
            if let nomination = reader.string(prize, "nomination", path, required: true),
                let entry = reader.string(prize, "entry", path, required: true),
                let name = reader.string(prize, "prize", path, required: true)
            {
                decisions.specialPrizes.append(.init(nomination: nomination, entry: entry, prize: name, note: reader.string(prize, "note", path)))
            }

        }
        if !reader.issues.isEmpty { throw RegulationError(issues: reader.issues, document: "в файле решений") }
        return decisions
    }
}
