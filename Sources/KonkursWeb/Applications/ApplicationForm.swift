import KonkursCore

/// The application form as typed: built from an application, or from a posted form so that a
/// refused form comes back with everything the person typed.
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
        var roles: [Option] = []

        var isEmpty: Bool {
            [surname, name, patronymic, birthDate, position, subject, experienceStart, category, contacts].allSatisfy { $0.trimmingSpaces.isEmpty }
        }
    }

    struct Option {
        let code: String
        let title: String
        let selected: Bool
    }

    var members: [MemberRow]
    var consentProcessing: Bool
    /// `fields`, `none` or empty (not decided yet).
    var publication: String
    var published: Set<String>
    var selfNominated: Bool
    var videoLinks: String

    /// Rows the form offers for a nomination's kind of entry: a team gets room for five people.
    static func rowCount(_ kind: Nomination.EntryKind) -> Int {
        switch kind {
        case .person, .organisation: 1
        case .pair: 2
        case .team: 5
        }
    }

    static func defaultRole(_ kind: Nomination.EntryKind, row: Int) -> Application.Member.Role {
        switch kind {
        case .person, .organisation: .nominee
        case .pair: row == 0 ? .mentor : .mentee
        case .team: row == 0 ? .captain : .member
        }
    }

    static func empty(_ kind: Nomination.EntryKind) -> ApplicationForm {
        ApplicationForm(
            members: (0..<rowCount(kind)).map { MemberRow(index: $0, role: defaultRole(kind, row: $0).rawValue) }, consentProcessing: false,
            publication: "", published: [], selfNominated: false, videoLinks: ""
        ).withRoleOptions()
    }

    init(members: [MemberRow], consentProcessing: Bool, publication: String, published: Set<String>, selfNominated: Bool, videoLinks: String) {
        self.members = members
        self.consentProcessing = consentProcessing
        self.publication = publication
        self.published = published
        self.selfNominated = selfNominated
        self.videoLinks = videoLinks
    }

    init(_ application: Application, kind: Nomination.EntryKind) {
        var rows = application.members.enumerated().map { index, member in
            MemberRow(
                index: index, role: member.role.rawValue, surname: member.surname, name: member.name, patronymic: member.patronymic ?? "",
                birthDate: member.birthDate, position: member.position, subject: member.subject ?? "", experienceStart: member.experienceStart,
                category: member.category ?? "", contacts: member.contacts ?? "")
        }
        while rows.count < Self.rowCount(kind) { rows.append(MemberRow(index: rows.count, role: Self.defaultRole(kind, row: rows.count).rawValue)) }
        self.init(
            members: rows, consentProcessing: application.consentProcessing,
            publication: application.consentPublication.map { $0.isEmpty ? "none" : "fields" } ?? "",
            published: Set(application.consentPublication ?? []),
            selfNominated: application.selfNominated, videoLinks: application.videoLinks.joined(separator: "\n"))
        self = withRoleOptions()
    }

    init(_ form: FormFields, kind: Nomination.EntryKind) {
        let count = min(50, max(Self.rowCount(kind), Int(form["member_rows"]) ?? 0))
        let rows = (0..<count).map { index in
            let field = { (name: String) in form["m\(index)_\(name)"] }
            return MemberRow(
                index: index, role: field("role").isEmpty ? Self.defaultRole(kind, row: index).rawValue : field("role"), surname: field("surname"),
                name: field("name"), patronymic: field("patronymic"), birthDate: field("birth_date"), position: field("position"),
                subject: field("subject"),
                experienceStart: field("experience_start"), category: field("category"), contacts: field("contacts"))
        }
        self.init(
            members: rows, consentProcessing: form["consent_processing"] == "yes", publication: form["publication"],
            published: Set(form.all("publish")),
            selfNominated: form["self_nominated"] == "yes", videoLinks: form["video_links"])
        self = withRoleOptions()
    }

    private func withRoleOptions() -> ApplicationForm {
        var copy = self
        for index in copy.members.indices {
            let chosen = copy.members[index].role
            copy.members[index].roles = Application.Member.Role.allCases.map {
                Option(code: $0.rawValue, title: $0.title, selected: $0.rawValue == chosen)
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
                    role: Application.Member.Role(rawValue: row.role) ?? .nominee, surname: row.surname, name: row.name,
                    patronymic: optional(row.patronymic), birthDate: row.birthDate.trimmingSpaces, position: row.position,
                    subject: optional(row.subject),
                    experienceStart: row.experienceStart.trimmingSpaces, category: optional(row.category), contacts: optional(row.contacts))
            },
            consentProcessing: consentProcessing,
            consentPublication: publication == "none" ? [] : publication == "fields" ? published.sorted() : nil,
            selfNominated: selfNominated,
            videoLinks: videoLinks.split(whereSeparator: \.isNewline).map(String.init))
    }

    /// What the template shows: Mustache reads stored properties only.
    var view: View {
        View(
            members: members.map {
                var row = $0
                row.legend = "Участник \($0.index + 1)"
                return row
            }, memberRows: members.count,
            consentProcessing: consentProcessing, publicationFields: publication == "fields", publicationNone: publication == "none",
            publishOptions: Application.publishableFields.map { Option(code: $0.code, title: $0.title, selected: published.contains($0.code)) },
            selfNominated: selfNominated, videoLinks: videoLinks)
    }

    struct View {
        let members: [MemberRow]
        let memberRows: Int
        let consentProcessing: Bool
        let publicationFields: Bool
        let publicationNone: Bool
        let publishOptions: [Option]
        let selfNominated: Bool
        let videoLinks: String
    }
}
