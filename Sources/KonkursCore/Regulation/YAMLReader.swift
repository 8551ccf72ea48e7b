import Yams

/// Reads typed values out of a YAML tree, remembering each value's line and collecting every problem
/// (instead of stopping at the first), so a regulation author sees all mistakes at once.
final class YAMLReader {
    let file: String
    private(set) var issues: [RegulationIssue] = []
    /// Line of each object built, by path, for checks made after building.
    private var lines: [String: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func report(_ node: Node?, _ path: String, _ problem: String) {
        issues.append(RegulationIssue(file: file, line: (node?.mark?.line ?? 0), field: path, problem: problem))
    }

    /// Reports a problem found after building, at the line of the object at `path`.
    func report(at path: String, _ field: String, _ problem: String) {
        issues.append(RegulationIssue(file: file, line: lines[path] ?? 0, field: field.isEmpty ? path : join(path, field), problem: problem))
    }

    /// A mapping's fields by name; reports fields not in `known` (typos must not pass silently).
    func fields(_ node: Node, _ path: String, known: Set<String>) -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(node, path, "ожидается набор полей «имя: значение»")
            return nil
        }
        lines[path] = node.mark?.line ?? 0
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string { lines[join(path, name)] = value.mark?.line ?? key.mark?.line ?? 0 }
            guard let name = key.string else {
                report(key, path, "имя поля должно быть строкой")
                continue
            }
            if !known.contains(name) {
                report(key, path.isEmpty ? name : "\(path).\(name)", "неизвестное поле; допустимы: \(known.sorted().joined(separator: ", "))")
            }
            result[name] = value
        }
        return result
    }

    func list(_ node: Node?, _ path: String) -> [Node]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else {
            report(node, path, "ожидается список")
            return nil
        }
        return Array(sequence)
    }

    func string(_ fields: [String: Node], _ name: String, _ path: String, required: Bool = false) -> String? {
        guard let node = fields[name] else {
            if required { report(nil, join(path, name), "обязательное поле не задано") }
            return nil
        }
        guard let text = node.scalar?.string, !text.trimmingSpaces.isEmpty else {
            report(node, join(path, name), "ожидается непустой текст")
            return nil
        }
        return text
    }

    func identifier(_ fields: [String: Node], _ name: String, _ path: String) -> String? {
        guard let text = string(fields, name, path, required: true) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if !allowed || text.contains(".") {
            report(fields[name], join(path, name), "идентификатор «\(text)» может содержать только буквы, цифры, _ и -")
            return nil
        }
        return text
    }

    func integer(_ fields: [String: Node], _ name: String, _ path: String, minimum: Int) -> Int? {
        guard let node = fields[name] else { return nil }
        guard let text = node.scalar?.string, let value = Int(text) else {
            report(node, join(path, name), "ожидается целое число")
            return nil
        }
        guard value >= minimum else {
            report(node, join(path, name), "должно быть не меньше \(minimum), задано \(value)")
            return nil
        }
        return value
    }

    func decimal(_ fields: [String: Node], _ name: String, _ path: String) -> Rational? {
        guard let node = fields[name] else { return nil }
        return decimal(node, join(path, name))
    }

    func decimal(_ node: Node, _ path: String) -> Rational? {
        guard let text = node.scalar?.string, let value = DecimalText.parse(text.trimmingSpaces) else {
            report(node, path, "ожидается число с точкой в качестве разделителя (например 0.5)")
            return nil
        }
        return value
    }

    func boolean(_ fields: [String: Node], _ name: String, _ path: String) -> Bool? {
        guard let node = fields[name] else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "да": return true
        case "false", "no", "нет": return false
        default:
            report(node, join(path, name), "ожидается true или false")
            return nil
        }
    }

    func choice<Value: RawRepresentable & CaseIterable>(
        _ fields: [String: Node], _ name: String, _ path: String, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let node = fields[name] else { return nil }
        return choice(node, join(path, name), as: type)
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = node.scalar?.string, let value = Value(rawValue: text) else {
            let options = Value.allCases.map(\.rawValue).joined(separator: ", ")
            report(node, path, "неизвестное значение «\(node.scalar?.string ?? "…")»; допустимы: \(options)")
            return nil
        }
        return value
    }

    func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
}
