import KonkursCore

/// The application form as typed: built from an application, or from a posted form so that a
/// refused form comes back with everything the person typed. Its rows, roles and fields are the
/// nomination's (`EntryRules`, `OwnField`).
struct ApplicationForm {
    struct MemberRow {
        let index: Int
        var legend = ""
        var role: String
        var surname = ""
        var name = ""
        var patronymic = ""
        var birthDate = ""
        var position = ""
        var subject = ""
        var experienceStart = ""
        var category = ""
        var contacts = ""
        var guardian = ""
        var namePublished = false
        var roles: [Option] = []

        var isEmpty: Bool {
            [surname, name, patronymic, birthDate, position, subject, experienceStart, category, contacts, guardian].allSatisfy {
                $0.trimmingSpaces.isEmpty
            }
        }
    }

    struct Option {
        let code: String
        let title: String
        let selected: Bool
    }

    /// One own field with the input its type needs.
    struct FieldRow {
        let id: String
        let title: String
        let value: String
        let required: Bool
        let text: Bool
        let longText: Bool
        let number: Bool
        let date: Bool
        let link: Bool
        let choice: Bool
        let options: [Option]
        let hint: String
    }

    let nomination: Nomination
    var members: [MemberRow]
    var entryName: String
    var fields: [String: String]
    var consentProcessing: Bool
    /// `fields`, `none` or empty (not decided yet).
    var publication: String
    var published: Set<String>
    var selfNominated: Bool
    var videoLinks: String

    /// Rows a form offers at first: the roster's least size, at least one; a roster of up to a
    /// dozen people gets all its rows at once.
    static func rowCount(_ entry: EntryRules) -> Int {
        entry.size.upperBound <= 12 ? entry.size.upperBound : max(entry.size.lowerBound, 5)
    }

    /// A new row's role: each role in the regulation's order until its least count is met.
    static func defaultRole(_ entry: EntryRules, row: Int) -> Application.Member.Role {
        var seats: [Application.Member.Role] = []
        for role in entry.roles { seats += Array(repeating: role.id, count: role.count.lowerBound) }
        if row < seats.count { return seats[row] }
        return (entry.roles.last { $0.count.upperBound > $0.count.lowerBound } ?? entry.roles[0]).id
    }

    static func empty(_ nomination: Nomination) -> ApplicationForm {
        ApplicationForm(
            nomination: nomination,
            members: (0..<rowCount(nomination.entry)).map { MemberRow(index: $0, role: defaultRole(nomination.entry, row: $0).rawValue) },
            entryName: "", fields: [:], consentProcessing: false, publication: "", published: [], selfNominated: false, videoLinks: ""
        ).withRoleOptions()
    }

    init(
        nomination: Nomination, members: [MemberRow], entryName: String, fields: [String: String], consentProcessing: Bool, publication: String,
        published: Set<String>, selfNominated: Bool, videoLinks: String
    ) {
        self.nomination = nomination
        self.members = members
        self.entryName = entryName
        self.fields = fields
        self.consentProcessing = consentProcessing
        self.publication = publication
        self.published = published
        self.selfNominated = selfNominated
        self.videoLinks = videoLinks
    }

    init(_ application: Application, nomination: Nomination) {
        var rows = application.members.enumerated().map { index, member in
            MemberRow(
                index: index, role: member.role.rawValue, surname: member.surname, name: member.name, patronymic: member.patronymic ?? "",
                birthDate: member.birthDate, position: member.position, subject: member.subject ?? "", experienceStart: member.experienceStart,
                category: member.category ?? "", contacts: member.contacts ?? "", guardian: member.guardian ?? "",
                namePublished: member.namePublished ?? false)
        }
        while rows.count < Self.rowCount(nomination.entry) {
            rows.append(MemberRow(index: rows.count, role: Self.defaultRole(nomination.entry, row: rows.count).rawValue))
        }
        self.init(
            nomination: nomination, members: rows, entryName: application.entryName ?? "", fields: application.fields,
            consentProcessing: application.consentProcessing,
            publication: application.consentPublication.map { $0.isEmpty ? "none" : "fields" } ?? "",
            published: Set(application.consentPublication ?? []),
            selfNominated: application.selfNominated, videoLinks: application.videoLinks.joined(separator: "\n"))
        self = withRoleOptions()
    }

    /// What was posted; `moreRows` adds empty rows (the «Добавить строки» button).
    init(_ form: FormFields, nomination: Nomination, moreRows: Int = 0) {
        let entry = nomination.entry
        let posted = min(entry.size.upperBound, max(Self.rowCount(entry), Int(form["member_rows"]) ?? 0))
        let count = min(entry.size.upperBound, posted + moreRows)
        let rows = (0..<count).map { index in
            let field = { (name: String) in form["m\(index)_\(name)"] }
            return MemberRow(
                index: index, role: field("role").isEmpty ? Self.defaultRole(entry, row: index).rawValue : field("role"), surname: field("surname"),
                name: field("name"), patronymic: field("patronymic"), birthDate: field("birth_date"), position: field("position"),
                subject: field("subject"), experienceStart: field("experience_start"), category: field("category"), contacts: field("contacts"),
                guardian: field("guardian"), namePublished: field("name_published") == "yes")
        }
        self.init(
            nomination: nomination, members: rows, entryName: form["entry_name"],
            fields: Dictionary(uniqueKeysWithValues: nomination.fields.map { ($0.id, form["f_\($0.id)"]) }),
            consentProcessing: form["consent_processing"] == "yes", publication: form["publication"], published: Set(form.all("publish")),
            selfNominated: form["self_nominated"] == "yes", videoLinks: form["video_links"])
        self = withRoleOptions()
    }

    private func withRoleOptions() -> ApplicationForm {
        var copy = self
        for index in copy.members.indices {
            let chosen = copy.members[index].role
            copy.members[index].roles = nomination.entry.roles.map {
                Option(code: $0.id.rawValue, title: $0.title, selected: $0.id.rawValue == chosen)
            }
        }
        return copy
    }

    /// What the form says, for the use case to check; rows left empty are not people.
    var content: Application.Content {
        let optional = { (text: String) -> String? in text.trimmingSpaces.isEmpty ? nil : text }
        return Application.Content(
            members: members.filter { !$0.isEmpty }.map { row in
                Application.Member(
                    role: .init(rawValue: row.role), surname: row.surname, name: row.name, patronymic: optional(row.patronymic),
                    birthDate: row.birthDate.trimmingSpaces, position: row.position, subject: optional(row.subject),
                    experienceStart: row.experienceStart.trimmingSpaces, category: optional(row.category), contacts: optional(row.contacts),
                    guardian: optional(row.guardian), namePublished: nomination.entryKind == .team ? row.namePublished : nil)
            },
            consentProcessing: consentProcessing,
            consentPublication: publication == "none" ? [] : publication == "fields" ? published.sorted() : nil,
            selfNominated: selfNominated,
            videoLinks: videoLinks.split(whereSeparator: \.isNewline).map(String.init),
            entryName: optional(entryName), fields: fields)
    }

    /// What the template shows: Mustache reads stored properties only.
    var view: View {
        let roles = nomination.entry.roles
        return View(
            members: members.map {
                var row = $0
                row.legend = "Участник \($0.index + 1)"
                return row
            }, memberRows: members.count, canAddRows: members.count < nomination.entry.size.upperBound,
            rosterHint: Self.rosterHint(nomination.entry),
            pedagogical: roles.contains(where: \.asksPedagogicalData), pupils: roles.contains(where: \.needsGuardian),
            team: nomination.entryKind == .team, entryName: entryName, entryNameTitle: nomination.entry.nameTitle,
            fields: nomination.fields.map { field in
                let value = fields[field.id] ?? ""
                return FieldRow(
                    id: field.id, title: field.title, value: value, required: field.required, text: field.kind == .text,
                    longText: field.kind == .longText, number: field.kind == .number, date: field.kind == .date, link: field.kind == .link,
                    choice: field.kind == .choice, options: field.options.map { Option(code: $0, title: $0, selected: $0 == value) },
                    hint: field.visibility == .department ? "видит только оргкомитет" : "")
            },
            consentProcessing: consentProcessing, publicationFields: publication == "fields", publicationNone: publication == "none",
            publishOptions: Application.publishableFields.map { Option(code: $0.code, title: $0.title, selected: published.contains($0.code)) },
            selfNominated: selfNominated, videoLinks: videoLinks)
    }

    /// The roster the regulation declares, as a sentence: «Состав: от 4 до 8 человек; капитан — 1, …».
    static func rosterHint(_ entry: EntryRules) -> String {
        guard entry.size.upperBound > 1 else { return "" }
        let roles = entry.roles.map { role in
            "\(role.title) — "
                + (role.count.lowerBound == role.count.upperBound
                    ? "\(role.count.lowerBound)" : "от \(role.count.lowerBound) до \(role.count.upperBound)")
        }
        return "Состав: \(EntryRules.range(entry.size, Plural.people)); \(roles.joined(separator: ", ")). Пустые строки не учитываются."
    }

    struct View {
        let members: [MemberRow]
        let memberRows: Int
        let canAddRows: Bool
        let rosterHint: String
        /// Some role is asked for pedagogical data (birth date, position, service).
        let pedagogical: Bool
        /// Some role is a pupil's (a guardian gives the consents).
        let pupils: Bool
        let team: Bool
        let entryName: String
        let entryNameTitle: String

        let fields: [FieldRow]
        let consentProcessing: Bool
        let publicationFields: Bool
        let publicationNone: Bool
        let publishOptions: [Option]
        let selfNominated: Bool
        let videoLinks: String
    }
}
