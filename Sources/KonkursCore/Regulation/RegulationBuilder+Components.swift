import Yams

/// A trial's `components:` — factor, penalty, extras, and who enters each.
///
/// ```yaml
/// components:
///   - {kind: extra, id: skorost, title: Бонус за скорость, entered_by: secretary, min: 0, max: 3}
///   - {kind: factor, title: Коэффициент сложности, entered_by: chair, min: 1, max: 1.5}
///   - {kind: penalty, title: Штраф за нарушение регламента, max: 2}
/// ```
extension RegulationBuilder {
    func components(_ node: Node?, _ path: String) -> [TrialComponent] {
        var components: [TrialComponent] = []
        for (index, item) in (reader.list(node, path) ?? []).enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let fields = reader.fields(item, itemPath, known: ["kind", "id", "title", "entered_by", "min", "max"]) else { continue }
            guard let kind = reader.choice(fields, "kind", itemPath, as: TrialComponent.Kind.self) else {
                if fields["kind"] == nil { reader.report(item, "\(itemPath).kind", "обязательное поле не задано (factor, penalty или extra)") }
                continue
            }
            let name = fields["id"] == nil ? nil : reader.identifier(fields, "id", itemPath)
            if name != nil && kind != .extra {
                reader.report(fields["id"], "\(itemPath).id", "имя есть только у дополнительных баллов (kind: extra)")
            }
            let enteredBy =
                reader.choice(fields, "entered_by", itemPath, as: TrialComponent.Enterer.self) ?? (kind == .penalty ? .juror : .secretary)
            if kind == .penalty && enteredBy != .juror {
                reader.report(fields["entered_by"], "\(itemPath).entered_by", "штраф снижает оценку члена жюри: его ставит сам член жюри (juror)")
            }
            if kind != .penalty && enteredBy == .juror {
                reader.report(
                    fields["entered_by"], "\(itemPath).entered_by",
                    "коэффициент и дополнительные баллы одни на попытку: их вносит секретарь (secretary) или председатель (chair)")
            }
            let component = TrialComponent(
                kind: kind, name: name, title: reader.string(fields, "title", itemPath, required: true) ?? kind.rawValue, enteredBy: enteredBy,
                minimum: reader.decimal(fields, "min", itemPath), maximum: reader.decimal(fields, "max", itemPath))
            if let minimum = component.minimum, let maximum = component.maximum, minimum > maximum {
                reader.report(item, "\(itemPath).max", "максимум меньше минимума")
            }
            if components.contains(where: { $0.column == component.column }) {
                reader.report(item, itemPath, "«\(component.column)» объявлен в испытании дважды")
            }
            components.append(component)
        }
        return components
    }
}
