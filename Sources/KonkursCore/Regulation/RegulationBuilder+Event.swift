import Yams

/// The `event` of a participation event: its chain, who gets certificates, what titles a session.
extension RegulationBuilder {
    func eventRules(_ node: Node, _ path: String, nominations: [Nomination]) -> EventRules {
        guard let fields = reader.fields(node, path, known: ["chain", "certificates", "session_title"]) else { return EventRules() }
        var rules = EventRules()
        rules.chain = reader.choice(fields, "chain", path, as: EventRules.Chain.self) ?? .approval
        if let list = reader.list(fields["certificates"], "\(path).certificates") {
            rules.certificates = Set(list.enumerated().compactMap { reader.choice($1, "\(path).certificates[\($0)]", as: EventRules.Recipient.self) })
        }
        if let field = reader.string(fields, "session_title", path) {
            if !nominations.contains(where: { $0.fields.contains { $0.id == field } }) {
                reader.report(fields["session_title"], "\(path).session_title", "«\(field)» должно быть собственным полем номинации (fields)")
            }
            rules.sessionTitle = field
        }
        return rules
    }
}
