/// Everything the engine computes from, already checked against the regulation: entries, marks and
/// per-attempt values, with the line each came from. Built by `ScoreFileReader` (or by the store).
public struct ScoreInput: Sendable {
    public struct Entry: Sendable, Equatable {
        public enum Status: String, Sendable, CaseIterable { case ok, withdrawn, disqualified }

        public var id: String
        public var name: String
        public var organisation: String
        public var nomination: String
        public var status: Status

        public init(id: String, name: String = "", organisation: String = "", nomination: String, status: Status = .ok) {
            self.id = id
            self.name = name
            self.organisation = organisation
            self.nomination = nomination
            self.status = status
        }
    }

    /// One juror's mark on one criterion of one attempt, packed small (5 million of them must fit in
    /// memory): the mark and its penalty in millionths, `absent` when the juror did not mark.
    public struct Mark: Sendable, Equatable {
        public static let absent = Int64.min
        /// Marks are exact to six decimal places.
        public static let unitsPerPoint: Int64 = 1_000_000

        public var entry: Int32
        public var juror: Int32
        public var trial: Int16
        public var criterion: Int16
        public var attempt: Int16
        /// The source line, for messages (0 when not from a file).
        public var line: Int32
        public var scoreUnits: Int64
        public var penaltyUnits: Int64

        public init(
            entry: Int32, juror: Int32, trial: Int16, criterion: Int16, attempt: Int16 = 1,
            score: Rational?, penalty: Rational? = nil, line: Int32 = 0
        ) {
            self.entry = entry
            self.juror = juror
            self.trial = trial
            self.criterion = criterion
            self.attempt = attempt
            self.line = line
            self.scoreUnits = score.flatMap(Self.units) ?? Self.absent
            self.penaltyUnits = penalty.flatMap(Self.units) ?? 0
        }

        public var score: Rational? {
            scoreUnits == Self.absent ? nil : Rational(Int128(scoreUnits), Int128(Self.unitsPerPoint))
        }

        public var penalty: Rational? {
            penaltyUnits == 0 ? nil : Rational(Int128(penaltyUnits), Int128(Self.unitsPerPoint))
        }

        /// A value in millionths, or nil when it has more than six decimals or is out of range.
        public static func units(_ value: Rational) -> Int64? {
            guard let scaled = try? value.multiplied(by: Rational(Int(unitsPerPoint))), scaled.isInteger,
                let units = Int64(exactly: scaled.numerator), units != absent
            else { return nil }
            return units
        }
    }

    /// Values that belong to a whole attempt: its factor and extra points.
    public struct AttemptValues: Sendable, Equatable {
        public var factor: Rational?
        public var extra: Rational?
        /// Named components (`extra:NAME`), by name.
        public var components: [String: Rational]

        public init(factor: Rational? = nil, extra: Rational? = nil, components: [String: Rational] = [:]) {
            self.factor = factor
            self.extra = extra
            self.components = components
        }
    }

    public struct AttemptKey: Hashable, Sendable {
        public var entry: Int32
        public var trial: Int16
        public var attempt: Int16

        public init(entry: Int32, trial: Int16, attempt: Int16) {
            self.entry = entry
            self.trial = trial
            self.attempt = attempt
        }
    }

    public var entries: [Entry]
    /// Juror ids; `Mark.juror` indexes this.
    public var jurors: [String]
    /// `Mark.trial` indexes `regulation.trials`; `Mark.criterion` indexes that trial's criteria.
    public var marks: [Mark]
    public var attempts: [AttemptKey: AttemptValues]

    public init(entries: [Entry], jurors: [String], marks: [Mark], attempts: [AttemptKey: AttemptValues] = [:]) {
        self.entries = entries
        self.jurors = jurors
        self.marks = marks
        self.attempts = attempts
    }
}

/// Decisions recorded by the jury or the chair that the engine cannot make: how a tie was broken
/// and who gets a special prize.
public struct Decisions: Sendable, Equatable {
    public struct TieDecision: Sendable, Equatable {
        public var nomination: String
        /// The tied entries, best first, as decided.
        public var order: [String]
        public var method: TieRule.Decision
        public var note: String?

        public init(nomination: String, order: [String], method: TieRule.Decision, note: String? = nil) {
            self.nomination = nomination
            self.order = order
            self.method = method
            self.note = note
        }
    }

    public struct SpecialPrize: Sendable, Equatable {
        public var nomination: String
        public var entry: String
        public var prize: String
        /// How it was decided (an audience vote's tally, the jury's vote), for the protocol's record.
        public var note: String?

        public init(nomination: String, entry: String, prize: String, note: String? = nil) {
            self.nomination = nomination
            self.entry = entry
            self.prize = prize
            self.note = note
        }

    }

    public var ties: [TieDecision]
    public var specialPrizes: [SpecialPrize]

    public init(ties: [TieDecision] = [], specialPrizes: [SpecialPrize] = []) {
        self.ties = ties
        self.specialPrizes = specialPrizes
    }

    public static let none = Decisions()
}
