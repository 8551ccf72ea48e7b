import Foundation

/// A personal API token as its owner sees it (the secret itself is shown once, at creation).
public struct APIToken: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date
    public let revoked: Bool

    public init(id: Int64, name: String, createdAt: Date, expiresAt: Date, revoked: Bool) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}
