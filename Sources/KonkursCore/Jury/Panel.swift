/// A jury panel of an edition (optionally of one stage or nomination), approved by an order.
public struct Panel: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public enum Role: String, Sendable, CaseIterable {
            case member, chair, secretary

            public var title: String {
                switch self {
                case .member: "член жюри"
                case .chair: "председатель"
                case .secretary: "секретарь"
                }
            }

            /// Members and the chair score; the secretary keeps the records.
            public var scores: Bool { self != .secretary }
        }

        public let userID: Int64
        public let login: String
        public let fullName: String
        public let role: Role
        public let organisationID: Int64?
        public let active: Bool

        public init(userID: Int64, login: String, fullName: String, role: Role, organisationID: Int64?, active: Bool) {
            self.userID = userID
            self.login = login
            self.fullName = fullName
            self.role = role
            self.organisationID = organisationID
            self.active = active
        }
    }

    public let id: Int64
    public let contestID: Int64
    public let title: String
    public let stage: String?
    public let nomination: String?
    public let orderNumber: String
    public let orderDate: String?
    public var members: [Member]

    public init(
        id: Int64, contestID: Int64, title: String, stage: String?, nomination: String?, orderNumber: String, orderDate: String?, members: [Member]
    ) {
        self.id = id
        self.contestID = contestID
        self.title = title
        self.stage = stage
        self.nomination = nomination
        self.orderNumber = orderNumber
        self.orderDate = orderDate
        self.members = members
    }

    /// Whether the panel judges this stage and nomination.
    public func covers(stage: String, nomination: String) -> Bool {
        (self.stage == nil || self.stage == stage) && (self.nomination == nil || self.nomination == nomination)
    }
}
