import Yams

/// A nomination's `entry` (its kind, roles and roster) and `fields` (the contest's own fields).
extension RegulationBuilder {
    /// Most people a roster may hold (what one form is built for).
    static let rosterLimit = 50

    /// `entry: team`, or a mapping that declares the roster.
    func entry(_ node: Node, _ path: String, fields ownFields: [OwnField]) -> EntryRules {
        if node.scalar != nil {
            return reader.choice(node, path, as: Nomination.EntryKind.self).map(EntryRules.standard) ?? .standard(for: .person)
        }
        guard let fields = reader.fields(node, path, known: ["kind", "roles", "size", "together", "name_title"]) else {
            return .standard(for: .person)
        }
        guard let kind = reader.choice(fields, "kind", path, as: Nomination.EntryKind.self) else {
            if fields["kind"] == nil { reader.report(node, "\(path).kind", "обязательное поле не задано: person, pair, team или organisation") }
            return .standard(for: .person)
        }
        var rules = EntryRules.standard(for: kind)
        if let list = reader.list(fields["roles"], "\(path).roles") {
            let roles = list.enumerated().compactMap { role($1, "\(path).roles[\($0)]") }
            for (index, role) in roles.enumerated() where roles[..<index].contains(where: { $0.id == role.id }) {
                reader.report(fields["roles"], "\(path).roles[\(index)].id", "роль «\(role.id.rawValue)» уже описана выше")
            }
            if list.isEmpty { reader.report(fields["roles"], "\(path).roles", "укажите хотя бы одну роль") }
            if !roles.isEmpty {
                rules.roles = roles
                let most = roles.reduce(0) { $0 + min($1.count.upperBound, Self.rosterLimit) }
                rules.size = max(1, roles.reduce(0) { $0 + $1.count.lowerBound })...min(Self.rosterLimit, max(1, most))
            }
        }
        if let node = fields["size"], let size = reader.fields(node, "\(path).size", known: ["min", "max"]),
            let range = count(size, "\(path).size", limit: Self.rosterLimit)
        {
            if range.lowerBound < 1 { reader.report(node, "\(path).size.min", "в заявке хотя бы один человек") }
            rules.size = max(1, range.lowerBound)...range.upperBound
        }
        if let node = fields["together"], let together = together(node, "\(path).together", fields: ownFields) { rules.together = together }
        if let title = reader.string(fields, "name_title", path) {
            if kind != .team { reader.report(fields["name_title"], "\(path).name_title", "название есть только у команды (kind: team)") }
            rules.nameTitle = title
        }

        let least = rules.roles.reduce(0) { $0 + $1.count.lowerBound }
        if least > rules.size.upperBound {
            reader.report(node, "\(path).size", "роли требуют не меньше \(least) человек, а размер заявки — не больше \(rules.size.upperBound)")
        }
        return rules
    }

    /// `{id, title, min, max, data, eligibility}`.
    func role(_ node: Node, _ path: String) -> EntryRole? {
        guard let fields = reader.fields(node, path, known: ["id", "title", "min", "max", "data", "eligibility"]) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let range = count(fields, path, limit: Self.rosterLimit) ?? 0...Self.rosterLimit
        let data = reader.choice(fields, "data", path, as: EntryRole.Data.self) ?? .pedagogical
        var eligibility: Eligibility?
        if let node = fields["eligibility"] {
            eligibility = node.scalar?.string == "none" ? Eligibility.none : self.eligibility(node, "\(path).eligibility")
            if data != .pedagogical { reader.report(node, "\(path).eligibility", "требования проверяются только у педагогов (data: pedagogical)") }
        }
        guard let id, let title else { return nil }
        return EntryRole(id: .init(rawValue: id), title: title, count: range, data: data, eligibility: eligibility)
    }

    /// The `min` and `max` of a mapping (either may be left out: 0 and `limit`).
    func count(_ fields: [String: Node], _ path: String, limit: Int) -> ClosedRange<Int>? {
        let least = reader.integer(fields, "min", path, minimum: 0) ?? 0
        let most = reader.integer(fields, "max", path, minimum: 1) ?? limit
        if most > limit { reader.report(fields["max"], "\(path).max", "не больше \(limit)") }
        guard least <= most else {
            reader.report(fields["min"], "\(path).min", "min (\(least)) больше max (\(most))")
            return nil
        }
        return least...min(most, limit)
    }

    /// `{field, min_years}`: the own date field that says since when the pair works together.
    func together(_ node: Node, _ path: String, fields ownFields: [OwnField]) -> EntryRules.Together? {
        guard let fields = reader.fields(node, path, known: ["field", "min_years"]) else { return nil }
        guard let field = reader.string(fields, "field", path, required: true) else { return nil }
        if ownFields.first(where: { $0.id == field })?.kind != .date {
            reader.report(fields["field"], "\(path).field", "«\(field)» должно быть полем-датой номинации (fields, type: date)")
        }
        return EntryRules.Together(field: field, minimumYears: reader.integer(fields, "min_years", path, minimum: 0) ?? 1)
    }

    /// `{id, title, type, required, options, visible}`.
    func ownField(_ node: Node, _ path: String) -> OwnField? {
        guard let fields = reader.fields(node, path, known: ["id", "title", "type", "required", "options", "visible"]) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let kind = reader.choice(fields, "type", path, as: OwnField.Kind.self) ?? .text
        let options = (reader.list(fields["options"], "\(path).options") ?? []).enumerated().compactMap { index, node in
            node.scalar?.string
                ?? {
                    reader.report(node, "\(path).options[\(index)]", "ожидается текст варианта")
                    return nil
                }()
        }
        if kind == .choice && options.isEmpty { reader.report(node, "\(path).options", "у поля выбора нужен список вариантов") }
        if kind != .choice && !options.isEmpty { reader.report(fields["options"], "\(path).options", "варианты бывают только у поля type: choice") }
        let visibility = reader.choice(fields, "visible", path, as: OwnField.Visibility.self) ?? .jury
        guard let id, let title else { return nil }
        return OwnField(
            id: id, title: title, kind: kind, required: reader.boolean(fields, "required", path) ?? false, options: options,
            visibility: visibility)
    }
}
