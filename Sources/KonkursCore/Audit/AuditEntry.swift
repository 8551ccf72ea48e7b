import Foundation

/// One change as the audit log records it.
public struct AuditEntry: Sendable, Equatable {
    public var actorID: Int64?
    public var actorLogin: String
    public var action: String
    public var target: String
    /// Before/after summary as JSON text (an object).
    public var details: String
    public var requestID: String?

    public init(actorID: Int64?, actorLogin: String, action: String, target: String, details: String = "{}", requestID: String? = nil) {
        self.actorID = actorID
        self.actorLogin = actorLogin
        self.action = action
        self.target = target
        self.details = details
        self.requestID = requestID
    }
}
