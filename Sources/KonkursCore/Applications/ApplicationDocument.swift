import Foundation

/// A file attached to an application. Its bytes live in PostgreSQL beside it, so one backup holds
/// everything; they are served only as a download.
public struct ApplicationDocument: Sendable, Equatable {
    public let id: Int64
    public let applicationID: Int64
    /// The regulation's document id ("portfolio") or `other`.
    public let kind: String
    public let fileName: String
    public let format: DocumentFormat
    public let size: Int
    public let sha256: String
    public let uploadedAt: Date

    public init(id: Int64, applicationID: Int64, kind: String, fileName: String, format: DocumentFormat, size: Int, sha256: String, uploadedAt: Date)
    {
        self.id = id
        self.applicationID = applicationID
        self.kind = kind
        self.fileName = fileName
        self.format = format
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
    }

    public static let otherKind = "other"
}
