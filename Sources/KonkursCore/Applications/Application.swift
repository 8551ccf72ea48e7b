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
        public enum Role: String, Sendable, Codable, CaseIterable {
            case nominee, mentor, mentee, captain, member

            public var title: String {
                switch self {
                case .nominee: "номинант"
                case .mentor: "наставник"
                case .mentee: "наставляемый"
                case .captain: "капитан"
                case .member: "участник команды"
                }
            }
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

        public init(
            role: Role, surname: String, name: String, patronymic: String?, birthDate: String, position: String, subject: String?,
            experienceStart: String, category: String?, contacts: String?
        ) {
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
    public var status: Status
    public var members: [Member]
    public var consentProcessing: Bool
    /// Fields the people allow to publish (e.g. `full_name`, `organisation`); empty: publish nothing
    /// personal; nil: not yet decided (an application cannot be submitted then).
    public var consentPublication: [String]?
    public var selfNominated: Bool
    public var videoLinks: [String]
    public var reason: String?

    public init(
        id: Int64, contestID: Int64, nomination: String, organisationID: Int64, status: Status, members: [Member], consentProcessing: Bool,
        consentPublication: [String]?, selfNominated: Bool = false, videoLinks: [String] = [], reason: String?
    ) {
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

        public init(members: [Member], consentProcessing: Bool, consentPublication: [String]?, selfNominated: Bool, videoLinks: [String]) {
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
            videoLinks: videoLinks)
    }

    public var isEditable: Bool { status == .draft || status == .returned }

    /// Who competes, as lists and sheets name them: the nominee, the captain, or "mentor — mentee".
    public var contestantName: String {
        let contestants = members.filter { $0.role != .member }
        return (contestants.isEmpty ? Array(members.prefix(1)) : contestants).map(\.fullName).joined(separator: " — ")
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
            problems.append("Квота организации в номинации «\(nomination.title)» исчерпана: не более \(quota) заявок")
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
        let roles = Set(application.members.map(\.role))
        switch nomination.entryKind {
        case .person where !roles.contains(.nominee):
            problems.append("В заявке нет конкурсанта (роль «номинант»)")
        case .pair where !roles.isSuperset(of: [.mentor, .mentee]):
            problems.append("Номинация для пары: в заявке нужны наставник и наставляемый")
        case .team where !roles.contains(.captain) && !roles.contains(.member):
            problems.append("Номинация для команды: в заявке нет участников команды")
        case .organisation where application.members.isEmpty:
            problems.append("В заявке нет представителя организации")
        default: break
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
        let categories = nomination.eligibility.categories
        for member in application.members where member.role == .nominee || member.role == .captain {
            let category = member.category?.trimmingSpaces.lowercased() ?? ""
            if !categories.isEmpty && !categories.contains(where: { $0.lowercased() == category }) {
                problems.append(
                    "\(member.fullName): категория «\(member.category ?? "не указана")» не допускается; положение допускает: \(categories.joined(separator: ", "))"
                )
            }
        }
        let reference = nomination.eligibility.referenceDate.flatMap(CalendarDate.init) ?? context.today
        for member in application.members {
            guard let birth = CalendarDate(member.birthDate), let start = CalendarDate(member.experienceStart) else {
                problems.append("\(member.fullName): даты рождения и начала стажа — в формате ГГГГ-ММ-ДД")
                continue
            }
            guard member.role != .mentee else { continue }  // eligibility applies to the contestants and mentors
            problems += EligibilityCheck.problems(
                .init(fullName: member.fullName, birthDate: birth, experienceStart: start), rules: nomination.eligibility,
                referenceDate: reference, today: context.today)
        }
        return problems
    }
}
