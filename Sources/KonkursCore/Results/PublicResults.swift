/// What the public results page shows of a signed protocol: places, totals and awards, and of each
/// person only the fields they consented to publish. Someone who published nothing appears as
/// "Участник N", N being their row in the nomination, which says nothing about who they are.
public struct PublicResults: Sendable, Equatable {
    /// What an entry's application allows to publish, with the values to publish.
    public struct Person: Sendable, Equatable {
        public var consent: [String]
        public var fullName: String
        public var organisation: String
        public var position: String
        /// A team or an organisation: named as it is, whatever the people decided.
        public var entry: Entry?

        public init(consent: [String], fullName: String, organisation: String, position: String, entry: Entry? = nil) {
            self.consent = consent
            self.fullName = fullName
            self.organisation = organisation
            self.position = position
            self.entry = entry
        }
    }

    /// A team's name (not personal data) with the members who each allowed theirs to be listed, or
    /// an organisation's entry.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var members: [String]
        public var isOrganisation: Bool

        public init(name: String, members: [String], isOrganisation: Bool = false) {
            self.name = name
            self.members = members
            self.isOrganisation = isOrganisation
        }

        public var shown: String { members.isEmpty ? name : "\(name) (\(members.joined(separator: ", ")))" }
    }

    public struct Row: Sendable, Equatable {
        public var place: String
        public var name: String
        public var organisation: String?
        public var position: String?
        public var total: String
        public var award: String
    }

    public struct Nomination: Sendable, Equatable {
        public var title: String
        public var notHeld: String?
        public var rows: [Row]
    }

    public var contest: String
    public var edition: String
    public var version: Int
    public var note: String?
    public var order: String
    public var nominations: [Nomination]

    public init(result: ResultProtocol, regulation: Regulation, people: [String: Person], version: Int, note: String?, order: String) {
        let renderer = ProtocolRenderer(result, regulation: regulation)
        contest = result.contest
        edition = result.edition
        self.version = version
        self.note = note
        self.order = order
        nominations = result.nominations.map { nomination in
            let ranked = nomination.entries.filter { $0.status == .ok }
            return Nomination(
                title: nomination.title, notHeld: nomination.held ? nil : (nomination.notHeldReason ?? ""),
                rows: ranked.enumerated().map { index, entry in
                    let person = people[entry.entry]
                    let consent = Set(person?.consent ?? [])
                    let named = person?.entry
                    return Row(
                        place: ProtocolRenderer.placeLabel(entry),
                        name: named?.shown ?? (consent.contains("full_name") ? (person?.fullName ?? entry.name) : "Участник \(index + 1)"),
                        organisation: consent.contains("organisation") || named?.isOrganisation == true ? person?.organisation : nil,

                        position: consent.contains("position") ? person?.position : nil,
                        total: entry.total.map(renderer.number) ?? "", award: renderer.outcome(entry))
                })
        }
    }

    public func json() -> String {
        JSONValue.object([
            ("contest", .string(contest)), ("edition", .string(edition)), ("version", .integer(version)),
            ("note", note.map(JSONValue.string) ?? .null), ("order", .string(order)),
            (
                "nominations",
                .array(
                    nominations.map { nomination in
                        .object([
                            ("title", .string(nomination.title)), ("not_held", nomination.notHeld.map(JSONValue.string) ?? .null),
                            (
                                "results",
                                .array(
                                    nomination.rows.map { row in
                                        .object([
                                            ("place", .string(row.place)), ("name", .string(row.name)),
                                            ("organisation", row.organisation.map(JSONValue.string) ?? .null),
                                            ("position", row.position.map(JSONValue.string) ?? .null),
                                            ("total", .string(row.total)), ("award", .string(row.award)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ]).serialised()
    }

    /// The results as an HTML fragment (escaped here), stored with the publication and put into the page as is.
    public func htmlFragment() -> String {
        var parts: [String] = []
        if let note { parts.append("<p class=\"correction\">Исправленная редакция (версия \(version)): \(escape(note))</p>") }
        for nomination in nominations {
            parts.append("<section><h2>\(escape(nomination.title))</h2>")
            if let notHeld = nomination.notHeld {
                parts.append("<p>Номинация не состоялась\(notHeld.isEmpty ? "" : ": \(escape(notHeld))").</p></section>")
                continue
            }
            parts.append("<table class=\"results\"><thead><tr><th>Место</th><th>Участник</th><th>Баллы</th><th>Итог</th></tr></thead><tbody>")
            for row in nomination.rows {
                let details = [row.position, row.organisation].compactMap { $0 }.filter { !$0.isEmpty }.map { "<br><small>\(escape($0))</small>" }
                    .joined()
                parts.append(
                    "<tr><td>\(escape(row.place))</td><td>\(escape(row.name))\(details)</td><td>\(escape(row.total))</td><td>\(escape(row.award))</td></tr>"
                )
            }
            parts.append("</tbody></table></section>")
        }
        return parts.joined(separator: "\n")
    }
}
