/// What `konkurs audit verify` found: how many entries are sealed into the chain, how many wait
/// for sealing, and the first entry whose hash or link does not match, with the reason.
public struct AuditVerification: Sendable, Equatable {
    public let sealed: Int
    public let unsealed: Int
    public let firstBroken: (id: Int64, reason: String)?

    public init(sealed: Int, unsealed: Int, firstBroken: (id: Int64, reason: String)?) {
        self.sealed = sealed
        self.unsealed = unsealed
        self.firstBroken = firstBroken
    }

    public static func == (lhs: AuditVerification, rhs: AuditVerification) -> Bool {
        lhs.sealed == rhs.sealed && lhs.unsealed == rhs.unsealed && lhs.firstBroken?.id == rhs.firstBroken?.id
            && lhs.firstBroken?.reason == rhs.firstBroken?.reason
    }
}
