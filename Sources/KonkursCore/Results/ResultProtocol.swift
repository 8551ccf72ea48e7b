/// The computed result of a contest edition: per nomination, every entry with its total, place,
/// award and breakdown, and every tie-break step applied. Values are exact and already rounded where
/// the regulation says; renderers print them with the rounding step's decimal places.
public struct ResultProtocol: Sendable, Equatable {
    public var contest: String
    public var edition: String
    public var rounding: Rounding
    public var nominations: [NominationResult]
    /// Files the protocol was computed from, with their SHA-256, so anyone can verify it.
    public var inputs: [InputDigest]
    public var warnings: [String]
}

public struct InputDigest: Sendable, Equatable {
    public var role: String
    public var name: String
    public var sha256: String

    public init(role: String, name: String, sha256: String) {
        self.role = role
        self.name = name
        self.sha256 = sha256
    }
}

public struct NominationResult: Sendable, Equatable {
    public var id: String
    public var title: String
    public var held: Bool
    /// Why the nomination was not held, when it was not.
    public var notHeldReason: String?
    public var places: Bool
    public var entries: [EntryResult]
    public var tieBreaks: [TieBreakRecord]
}

public struct EntryResult: Sendable, Equatable {
    public enum Award: String, Sendable {
        case winner, second, third, laureate, participant
    }

    public var entry: String
    public var name: String
    public var organisation: String
    public var status: ScoreInput.Entry.Status
    public var total: Rational?
    public var place: Int?
    public var shared: Bool
    public var award: Award?
    public var specialPrizes: [String]
    /// The stage after which the entry did not advance.
    public var eliminatedAfter: String?
    public var stages: [StageResult]
}

public struct StageResult: Sendable, Equatable {
    public var stage: String
    public var score: Rational
    /// Total so far, counting earlier stages when this one carries them over.
    public var runningTotal: Rational
    public var trials: [TrialResult]
}

public struct TrialResult: Sendable, Equatable {
    public var trial: String
    public var score: Rational
    /// Per-juror z-score normalisation, reported beside the raw score (not used for places).
    public var normalised: Rational?
    /// Jurors whose marks counted (the most over the attempts).
    public var jurors: Int
    /// The aggregation method really used (a fallback when the panel was too small).
    public var method: String
    /// Each criterion's aggregate across jurors, in declaration order.
    public var criteria: [(id: String, value: Rational)]
    /// Named extra components (`extra:NAME`) summed over the counted attempts.
    public var components: [(name: String, value: Rational)]
    /// True when the entry had no marks in this trial (its score counts as 0).
    public var missing: Bool

    public static func == (lhs: TrialResult, rhs: TrialResult) -> Bool {
        lhs.trial == rhs.trial && lhs.score == rhs.score && lhs.normalised == rhs.normalised && lhs.jurors == rhs.jurors
            && lhs.method == rhs.method && lhs.criteria.map(\.id) == rhs.criteria.map(\.id)
            && lhs.criteria.map(\.value) == rhs.criteria.map(\.value) && lhs.components.map(\.name) == rhs.components.map(\.name)
            && lhs.components.map(\.value) == rhs.components.map(\.value) && lhs.missing == rhs.missing
    }
}

/// One application of a tie-break rule to a group of tied entries.
public struct TieBreakRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// The rule ordered the group (fully or in part).
        case separated
        /// The rule found the entries still equal.
        case stillTied = "still_tied"
        /// A decision is needed but none was recorded.
        case pending
        /// The entries share the place.
        case shared
    }

    /// The rule as written in the regulation, e.g. `higher trial interview`.
    public var rule: String
    public var entries: [String]
    /// The value each entry had under this rule (absent for decisions and sharing).
    public var values: [String: Rational]
    public var outcome: Outcome
    /// The order after this step, best first; equal entries share an inner list.
    public var order: [[String]]
    public var note: String?
}
