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
    }

    public struct Member: Sendable, Equatable, Codable {
        public enum Role: String, Sendable, Codable, CaseIterable { case nominee, mentor, mentee, captain, member }

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
    /// Fields each person allows to publish (e.g. `full_name`, `organisation`).
    public var consentPublication: [String]
    public var reason: String?

    public init(
        id: Int64, contestID: Int64, nomination: String, organisationID: Int64, status: Status, members: [Member], consentProcessing: Bool,
        consentPublication: [String], reason: String?
    ) {
        self.id = id
        self.contestID = contestID
        self.nomination = nomination
        self.organisationID = organisationID
        self.status = status
        self.members = members
        self.consentProcessing = consentProcessing
        self.consentPublication = consentPublication
        self.reason = reason
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

        public init(regulation: Regulation, phase: ContestPhase, closesAt: Date?, now: Date, today: CalendarDate, quotaUsed: Int) {
            self.regulation = regulation
            self.phase = phase
            self.closesAt = closesAt
            self.now = now
            self.today = today
            self.quotaUsed = quotaUsed
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
        if !application.members.contains(where: { $0.role == .nominee || $0.role == .captain }) {
            problems.append("В заявке нет конкурсанта (роль «номинант» или «капитан»)")
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
