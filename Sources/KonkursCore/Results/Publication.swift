import Foundation

/// A version of an edition's published results: asked by one person, confirmed by another; what
/// the public sees is stored with it.
public struct Publication: Sendable, Equatable {
    public let id: Int64
    public let contestID: Int64
    public let version: Int
    public let protocolID: Int64
    public let note: String?
    public let requestedBy: String
    public let confirmedBy: String?
    public let confirmedAt: Date?
    public let publicJSON: String
    public let publicHTML: String

    public init(
        id: Int64, contestID: Int64, version: Int, protocolID: Int64, note: String?, requestedBy: String, confirmedBy: String?, confirmedAt: Date?,
        publicJSON: String, publicHTML: String
    ) {
        self.id = id
        self.contestID = contestID
        self.version = version
        self.protocolID = protocolID
        self.note = note
        self.requestedBy = requestedBy
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
        self.publicJSON = publicJSON
        self.publicHTML = publicHTML
    }
}
