import Foundation

/// A recorded entry, as shown by `konkurs audit show` and the department's page.
public struct AuditRecord: Sendable, Equatable {
    public let id: Int64
    public let occurredAt: Date
    public let actorLogin: String
    public let action: String
    public let target: String
    public let details: String
    public let requestID: String?
    public let sealed: Bool

    public init(
        id: Int64, occurredAt: Date, actorLogin: String, action: String, target: String, details: String, requestID: String?, sealed: Bool
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actorLogin = actorLogin
        self.action = action
        self.target = target
        self.details = details
        self.requestID = requestID
        self.sealed = sealed
    }
}
