import Foundation

/// An organisation's application to a nomination: its people, consents and status.
public struct Application: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft, submitted, returned, admitted
        case notAdmitted = "not_admitted"
        case withdrawn

        public var title: String {
            switch self {
            case .draft: "черновик"
            case .submitted: "подана"
            case .returned: "возвращена на доработку"
            case .admitted: "допущена"
            case .notAdmitted: "не допущена"
            case .withdrawn: "отозвана"
            }
        }

        /// Counts against the organisation's quota.
        public var holdsQuota: Bool { self == .submitted || self == .admitted }

        /// The organisation may still withdraw it (not after the department's decision).
        public var isWithdrawable: Bool { self == .draft || self == .submitted || self == .returned }
    }

    public struct Member: Sendable, Equatable, Codable {
        /// A role the nomination's entry declares (`EntryRules.roles`); the standard ones are named here.
        public struct Role: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
            public let rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public init(stringLiteral value: String) { rawValue = value }

            public static let nominee: Role = "nominee"
            public static let mentor: Role = "mentor"
            public static let mentee: Role = "mentee"
            public static let captain: Role = "captain"
            public static let member: Role = "member"
            public static let contact: Role = "contact"
        }

        public var role: Role
        public var surname: String
        public var name: String
        public var patronymic: String?
        public var birthDate: String
        public var position: String
        public var subject: String?
        public var experienceStart: String
        public var category: String?
        public var contacts: String?
        /// The parent or legal guardian who gave a pupil's consents (152-FZ art. 9).
        public var guardian: String?
        /// A team member allows their name to be listed with the team in the public results.
        public var namePublished: Bool?

        public init(
            role: Role, surname: String, name: String, patronymic: String?, birthDate: String, position: String, subject: String?,
            experienceStart: String, category: String?, contacts: String?, guardian: String? = nil, namePublished: Bool? = nil
        ) {
            self.guardian = guardian
            self.namePublished = namePublished
            self.role = role
            self.surname = surname
            self.name = name
            self.patronymic = patronymic
            self.birthDate = birthDate
            self.position = position
            self.subject = subject
            self.experienceStart = experienceStart
            self.category = category
            self.contacts = contacts
        }

        public var fullName: String { [surname, name, patronymic].compactMap { $0 }.joined(separator: " ") }
    }

    public let id: Int64
    public let contestID: Int64
    public let nomination: String
    public let organisationID: Int64
    /// The organisation's short name (it names an organisation's entry).
    public var organisationName: String
    public var status: Status
    public var members: [Member]
    public var consentProcessing: Bool
    /// Fields the people allow to publish (e.g. `full_name`, `organisation`); empty: publish nothing
    /// personal; nil: not yet decided (an application cannot be submitted then).
    public var consentPublication: [String]?
    public var selfNominated: Bool
    public var videoLinks: [String]
    /// A team's name, as the protocol and the diplomas print it.
    public var entryName: String?
    /// Values of the nomination's own fields, by field id.
    public var fields: [String: String]
    public var reason: String?

    public init(
        id: Int64, contestID: Int64, nomination: String, organisationID: Int64, status: Status, members: [Member], consentProcessing: Bool,
        consentPublication: [String]?, selfNominated: Bool = false, videoLinks: [String] = [], entryName: String? = nil,
        fields: [String: String] = [:], reason: String?, organisationName: String = ""
    ) {
        self.organisationName = organisationName
        self.entryName = entryName
        self.fields = fields
        self.id = id
        self.contestID = contestID
        self.nomination = nomination
        self.organisationID = organisationID
        self.status = status
        self.members = members
        self.consentProcessing = consentProcessing
        self.consentPublication = consentPublication
        self.selfNominated = selfNominated
        self.videoLinks = videoLinks
        self.reason = reason
    }

    /// The fields a person may allow to publish, with their Russian names.
    public static let publishableFields: [(code: String, title: String)] = [
        ("full_name", "фамилия, имя, отчество"), ("organisation", "организация"), ("position", "должность"), ("photo", "фотография"),
    ]

    public static func publishableTitles(_ codes: [String]) -> String {
        codes.map { code in publishableFields.first { $0.code == code }?.title ?? code }.joined(separator: ", ")
    }

    /// What may be changed while the application is a draft or returned for correction.
    public struct Content: Sendable, Equatable {
        public var members: [Member]
        public var consentProcessing: Bool
        public var consentPublication: [String]?
        public var selfNominated: Bool
        public var videoLinks: [String]
        public var entryName: String?
        public var fields: [String: String]

        public init(
            members: [Member], consentProcessing: Bool, consentPublication: [String]?, selfNominated: Bool, videoLinks: [String],
            entryName: String? = nil, fields: [String: String] = [:]
        ) {
            self.entryName = entryName
            self.fields = fields
            self.members = members
            self.consentProcessing = consentProcessing
            self.consentPublication = consentPublication
            self.selfNominated = selfNominated
            self.videoLinks = videoLinks
        }
    }

    public var content: Content {
        Content(
            members: members, consentProcessing: consentProcessing, consentPublication: consentPublication, selfNominated: selfNominated,
            videoLinks: videoLinks, entryName: entryName, fields: fields)
    }

    /// Puts what a draft says into the application.
    public mutating func replace(_ content: Content) {
        members = content.members
        consentProcessing = content.consentProcessing
        consentPublication = content.consentPublication
        selfNominated = content.selfNominated
        videoLinks = content.videoLinks
        entryName = content.entryName
        fields = content.fields
    }

    public var isEditable: Bool { status == .draft || status == .returned }

    /// Who competes, as lists, sheets and protocols name them: a team by its name, an organisation's
    /// entry by the organisation, a pair as "mentor — mentee", a person by their name.
    public var entryTitle: String {
        if let team = entryName?.trimmingSpaces, !team.isEmpty { return team }
        if isOrganisationEntry { return organisationName }
        let contestants = members.filter { $0.role == .nominee || $0.role == .mentor || $0.role == .mentee }
        return (contestants.isEmpty ? Array(members.prefix(1)) : contestants).map(\.fullName).joined(separator: " — ")
    }

    /// The nominee is the organisation itself (its people are only its contacts).
    public var isOrganisationEntry: Bool { !members.isEmpty && members.allSatisfy { $0.role == .contact } }

    /// Whom each of the entry's diplomas is made out to, in numbering order: the person; each
    /// person of a pair or a team (with the team's name); the organisation itself (by its full
    /// name) for its entry.
    public func diplomaRecipients(organisation: String) -> [String] {
        let people = members.filter { $0.role != .contact }
        guard !people.isEmpty else { return [organisation] }

        let team = entryName.map { " — «\($0)»" } ?? ""
        return people.map { $0.fullName + team }
    }

}

/// The rules an application must meet when it is submitted, each refusal naming its rule.
public enum SubmissionRules {
    public struct Context: Sendable {
        public let regulation: Regulation
        public let phase: ContestPhase
        public let closesAt: Date?
        public let now: Date
        public let today: CalendarDate
        /// Applications of the same organisation in the nomination already holding the quota.
        public let quotaUsed: Int
        public let organisationKind: Organisation.Kind
        /// Kinds of the documents attached (regulation document ids).
        public let documentKinds: Set<String>

        public init(
            regulation: Regulation, phase: ContestPhase, closesAt: Date?, now: Date, today: CalendarDate, quotaUsed: Int,
            organisationKind: Organisation.Kind, documentKinds: Set<String>
        ) {
            self.regulation = regulation
            self.phase = phase
            self.closesAt = closesAt
            self.now = now
            self.today = today
            self.quotaUsed = quotaUsed
            self.organisationKind = organisationKind
            self.documentKinds = documentKinds
        }
    }

    public static func problems(_ application: Application, _ context: Context) -> [String] {
        var problems: [String] = []
        if context.phase != .applicationsOpen || (context.closesAt.map { context.now >= $0 } ?? true) {
            problems.append("Приём заявок закрыт: заявки принимаются только до окончания срока, указанного в положении")
        }
        guard let nomination = context.regulation.nomination(application.nomination) else {
            return problems + ["Номинации «\(application.nomination)» нет в положении конкурса"]
        }
        if let quota = nomination.quotaPerOrganisation, context.quotaUsed >= quota {
            problems.append(
                "Квота организации в номинации «\(nomination.title)» исчерпана: не более \(Plural.say(quota, ("заявки", "заявок", "заявок")))")
        }
        if !application.consentProcessing {
            problems.append("Нет согласия на обработку персональных данных (152-ФЗ): без него заявка не принимается")
        }
        if application.consentPublication == nil {
            problems.append(
                "Не указано решение о согласии на распространение персональных данных: отметьте, что можно публиковать, или «не публиковать»")
        }
        if application.selfNominated && !nomination.selfNomination {
            problems.append("Положение не допускает самовыдвижение в номинации «\(nomination.title)»")
        }
        let reference = nomination.eligibility.referenceDate.flatMap(CalendarDate.init) ?? context.today
        problems += nomination.entry.rosterProblems(application, fields: nomination.fields, referenceDate: reference)
        problems += OwnField.problems(application.fields, declared: nomination.fields, submitting: true).map(\.message)
        if nomination.entryKind == .organisation && context.quotaUsed > 0 {
            problems.append("Организация уже выдвинута в номинации «\(nomination.title)»: вторую заявку на неё подать нельзя")
        }
        for document in nomination.documents where document.required && !context.documentKinds.contains(document.id) {
            problems.append("Не приложен обязательный документ «\(document.title)»")
        }
        if nomination.video == .required && application.videoLinks.isEmpty {
            problems.append("Положение требует ссылку на видеоролик")
        }
        let kinds = nomination.eligibility.organisationKinds
        if !kinds.isEmpty && !kinds.contains(context.organisationKind) {
            problems.append(
                "Положение допускает заявки только от организаций типа \(kinds.map(\.title).joined(separator: ", ")); эта организация — \(context.organisationKind.title)"
            )
        }
        for member in application.members {
            guard let role = nomination.entry.role(member.role), role.asksPedagogicalData,
                let birth = CalendarDate(member.birthDate), let start = CalendarDate(member.experienceStart)
            else { continue }
            let rules = role.eligibility ?? nomination.eligibility
            let categories = rules.categories
            let category = member.category?.trimmingSpaces.lowercased() ?? ""
            if !categories.isEmpty && !categories.contains(where: { $0.lowercased() == category }) {
                problems.append(
                    "\(member.fullName): категория «\(member.category ?? "не указана")» не допускается; положение допускает: \(categories.joined(separator: ", "))"
                )
            }
            problems += EligibilityCheck.problems(
                .init(fullName: member.fullName, birthDate: birth, experienceStart: start), rules: rules, referenceDate: reference,
                today: context.today)
        }
        return problems

    }
}
