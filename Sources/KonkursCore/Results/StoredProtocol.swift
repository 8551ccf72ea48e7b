import Foundation

/// A protocol as stored: the files it was computed from, its snapshot and where it is in signing.
public struct StoredProtocol: Sendable, Equatable {
    public enum Status: String, Sendable {
        case draft, signed, superseded

        public var title: String {
            switch self {
            case .draft: "на подписании"
            case .signed: "подписан"
            case .superseded: "заменён новой версией"
            }
        }
    }

    public let id: Int64
    public let contestID: Int64
    public let version: Int
    public let stage: String
    public let final: Bool
    public let status: Status
    public let regulation: String
    public let scores: String
    public let entries: String
    public let decisions: String?
    public let snapshot: String
    public let sha256: String
    public let signaturesRequired: Int
    public let supersedes: Int?
    public let note: String?
    public let createdBy: String
    public let createdAt: Date
    public let signedAt: Date?

    public init(
        id: Int64, contestID: Int64, version: Int, stage: String, final: Bool, status: Status, regulation: String, scores: String, entries: String,
        decisions: String?, snapshot: String, sha256: String, signaturesRequired: Int, supersedes: Int?, note: String?, createdBy: String,
        createdAt: Date, signedAt: Date?
    ) {
        self.id = id
        self.contestID = contestID
        self.version = version
        self.stage = stage
        self.final = final
        self.status = status
        self.regulation = regulation
        self.scores = scores
        self.entries = entries
        self.decisions = decisions
        self.snapshot = snapshot
        self.sha256 = sha256
        self.signaturesRequired = signaturesRequired
        self.supersedes = supersedes
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.signedAt = signedAt
    }
}

/// A signature on a protocol, with the signer's name as the print shows it.
public struct ProtocolSignature: Sendable, Equatable {
    public let userID: Int64
    public let fullName: String
    public let chair: Bool
    public let onPaper: Bool
    public let signedAt: Date

    public init(
        userID: Int64, fullName: String, chair: Bool, onPaper: Bool, signedAt: Date
    ) {
        self.userID = userID
        self.fullName = fullName
        self.chair = chair
        self.onPaper = onPaper
        self.signedAt = signedAt
    }
}
