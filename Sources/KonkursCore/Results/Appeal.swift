import Foundation

/// An organisation's appeal against its application's result, and the commission's decision.
public struct Appeal: Sendable, Equatable {
    public enum Status: String, Sendable {
        case filed, rejected, changed

        public var title: String {
            switch self {
            case .filed: "на рассмотрении"
            case .rejected: "отклонена"
            case .changed: "удовлетворена: баллы изменены"
            }
        }
    }

    public let id: Int64
    public let contestID: Int64
    public let applicationID: Int64
    public let organisationID: Int64
    public let text: String
    public let filedBy: String
    public let filedAt: Date
    public let status: Status
    public let decision: String?
    public let decidedBy: String?
    public let protocolVersion: Int?

    public init(
        id: Int64, contestID: Int64, applicationID: Int64, organisationID: Int64, text: String, filedBy: String, filedAt: Date, status: Status,
        decision: String?, decidedBy: String?, protocolVersion: Int?
    ) {
        self.id = id
        self.contestID = contestID
        self.applicationID = applicationID
        self.organisationID = organisationID
        self.text = text
        self.filedBy = filedBy
        self.filedAt = filedAt
        self.status = status
        self.decision = decision
        self.decidedBy = decidedBy
        self.protocolVersion = protocolVersion
    }
}
