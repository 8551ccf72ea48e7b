/// What a person does in the system. One person may hold several roles.
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Department administrator (УОМПиС): organisations, accounts, everything.
    case admin
    /// Contest secretary (оргкомитет).
    case secretary
    /// Member of the counting commission (счётная комиссия).
    case counting
    /// Organisation coordinator: nominates the organisation's people; bound to one organisation.
    case coordinator
    case juror
    /// Jury chair (per panel).
    case chair
    /// Read-only observer.
    case observer

    public var title: String {
        switch self {
        case .admin: "администратор управления образования"
        case .secretary: "секретарь оргкомитета"
        case .counting: "член счётной комиссии"
        case .coordinator: "координатор организации"
        case .juror: "член жюри"
        case .chair: "председатель жюри"
        case .observer: "наблюдатель"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The signed-in person a request acts for. Always built from the session or token, never from input.
public struct Actor: Sendable, Equatable {
    public let userID: Int64
    public let login: String
    public let roles: Set<Role>
    /// The organisation a coordinator works for.
    public let organisationID: Int64?

    public init(userID: Int64, login: String, roles: Set<Role>, organisationID: Int64?) {
        self.userID = userID
        self.login = login
        self.roles = roles
        self.organisationID = organisationID
    }
}
