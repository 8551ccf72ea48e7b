/// What one entry of a nomination is made of, as the regulation declares it: its kind, the roles
/// its people take (how many of each, what each is asked, whose eligibility is checked), the size
/// of a roster, and a condition on the pair's work together. A regulation that says only
/// `entry: team` gets the defaults of `EntryRules.standard(for:)`.
public struct EntryRules: Sendable, Equatable {
    public var kind: Nomination.EntryKind
    /// In the order the form offers them; the first is the one a new row gets.
    public var roles: [EntryRole]
    /// People on the application, all roles together.
    public var size: ClosedRange<Int>
    /// A pair's condition: working together for at least so many years on the reference date.
    public var together: Together?
    /// What a team's name is called on the form («Название команды», «Название номера»).
    public var nameTitle = "Название команды"

    public struct Together: Sendable, Equatable {
        /// The own date field (`fields`) that says since when.
        public var field: String
        public var minimumYears: Int

        public init(field: String, minimumYears: Int) {
            self.field = field
            self.minimumYears = minimumYears
        }
    }

    public init(kind: Nomination.EntryKind, roles: [EntryRole], size: ClosedRange<Int>, together: Together? = nil) {
        self.kind = kind
        self.roles = roles
        self.size = size
        self.together = together
    }

    public func role(_ id: Application.Member.Role) -> EntryRole? { roles.first { $0.id == id } }

    /// The role's name as the regulation prints it.
    public func title(of id: Application.Member.Role) -> String { role(id)?.title ?? id.rawValue }

    /// What a regulation that names only the kind means (and what Konkurs did before rosters were declared).
    public static func standard(for kind: Nomination.EntryKind) -> EntryRules {
        switch kind {
        case .person:
            EntryRules(kind: kind, roles: [EntryRole(id: .nominee, title: "конкурсант", count: 1...1)], size: 1...1)
        case .pair:
            EntryRules(
                kind: kind,
                roles: [
                    EntryRole(id: .mentor, title: "наставник", count: 1...1),
                    EntryRole(id: .mentee, title: "наставляемый", count: 1...1, eligibility: Eligibility.none),
                ], size: 2...2)
        case .team:
            EntryRules(
                kind: kind,
                roles: [EntryRole(id: .captain, title: "капитан", count: 1...1), EntryRole(id: .member, title: "участник команды", count: 1...49)],
                size: 2...50)
        case .organisation:
            EntryRules(kind: kind, roles: [EntryRole(id: .contact, title: "контактное лицо", count: 1...1, data: .contact)], size: 1...1)
        }
    }
}

/// A role on an entry (a team's captain, a pupil, a pair's mentor), as the regulation declares it.
public struct EntryRole: Sendable, Equatable {
    /// What a person in this role is asked.
    public enum Data: String, Sendable, CaseIterable {
        /// Birth date, position and the start of pedagogical service: eligibility is checked.
        case pedagogical
        /// A pupil: name and class only; a minor's consents are given by a parent or guardian.
        case pupil
        /// The contact person of an organisation's entry: name and contacts.
        case contact
    }

    public var id: Application.Member.Role
    public var title: String
    public var count: ClosedRange<Int>
    public var data: Data
    /// nil: the nomination's eligibility applies (pedagogical roles only).
    public var eligibility: Eligibility?

    public init(id: Application.Member.Role, title: String, count: ClosedRange<Int>, data: Data = .pedagogical, eligibility: Eligibility? = nil) {
        self.id = id
        self.title = title
        self.count = count
        self.data = data
        self.eligibility = eligibility
    }

    public var asksPedagogicalData: Bool { data == .pedagogical }
    /// A pupil's consents (152-FZ art. 9) are given by their parent or guardian, who is named.
    public var needsGuardian: Bool { data == .pupil }
}

extension EntryRules {
    /// Every way the application's people break the declared roster, in Russian, naming the rule.
    public func rosterProblems(_ application: Application, fields declared: [OwnField], referenceDate: CalendarDate) -> [String] {
        var problems: [String] = []
        let people = application.members
        if kind == .team && (application.entryName ?? "").trimmingSpaces.isEmpty {
            problems.append("Не заполнено поле «\(nameTitle)»")
        }

        if !size.contains(people.count) {
            problems.append("В заявке \(Plural.people(people.count)), положение требует \(Self.range(size, Plural.people))")
        }
        for member in people where role(member.role) == nil {
            problems.append(
                "\(member.fullName): роли «\(member.role.rawValue)» в номинации нет; положение называет: \(roles.map(\.title).joined(separator: ", "))"
            )
        }
        for role in roles {
            let count = people.filter { $0.role == role.id }.count
            if !role.count.contains(count) {
                problems.append("Роль «\(role.title)»: в заявке \(count), положение требует \(Self.range(role.count, String.init))")
            }
        }
        for member in people {
            guard let role = role(member.role) else { continue }
            if role.needsGuardian && (member.guardian ?? "").trimmingSpaces.isEmpty {
                problems.append(
                    "\(member.fullName) (\(role.title)): согласия обучающегося даёт родитель или законный представитель — укажите его ФИО")
            }
            if role.asksPedagogicalData && (CalendarDate(member.birthDate) == nil || CalendarDate(member.experienceStart) == nil) {
                problems.append("\(member.fullName): даты рождения и начала стажа — в формате ГГГГ-ММ-ДД")
            }
        }
        if let together {
            let title = declared.first { $0.id == together.field }?.title ?? together.field
            if let since = application.fields[together.field].flatMap(CalendarDate.init) {
                let years = since.fullYears(until: referenceDate)
                if years < together.minimumYears {
                    problems.append(
                        "«\(title)»: на \(referenceDate.russian) пара работает вместе \(Plural.years(max(0, years))), положение требует минимум \(Plural.years(together.minimumYears))"
                    )
                }
            } else if declared.first(where: { $0.id == together.field })?.required != true {
                problems.append(
                    "Не заполнено поле «\(title)»: положение требует, чтобы пара работала вместе минимум \(Plural.years(together.minimumYears))")
            }

        }
        return problems
    }

    /// "5 человек", or "от 4 до 8 человек".
    public static func range(_ range: ClosedRange<Int>, _ say: (Int) -> String) -> String {
        range.lowerBound == range.upperBound ? say(range.lowerBound) : "от \(range.lowerBound) до \(say(range.upperBound))"
    }
}
