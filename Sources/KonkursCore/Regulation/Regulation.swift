/// A contest edition's regulation (положение), as far as the system needs it: who competes in which
/// nominations, through which stages and trials, scored by which criteria, and how marks become
/// totals, places and awards. Built from YAML by `RegulationParser`, always validated.
public struct Regulation: Sendable, Equatable {
    public let contest: String
    public let edition: String
    /// Longest contest title and edition name, in characters (what the contests table holds).
    public static let contestLimit = 500
    public static let editionLimit = 100
    public let timeZone: String
    public let rounding: Rounding
    /// Where, besides the final total, results are rounded.
    public let roundingPoints: Set<RoundingPoint>
    public let nominations: [Nomination]
    public let stages: [Stage]
    public let result: ResultRules
    public let jury: JuryRules
    /// A participation event's programme, attendance and certificates; nil for a contest.
    public let event: EventRules?
    /// Which chain leads to the results: the jury's protocol, or the department's approval of an event.
    public var chain: EventRules.Chain { event?.chain ?? .jury }
    /// Every trial in declaration order (marks refer to trials by this position).
    public let trials: [Trial]
    /// The stage id of each trial in `trials`.
    public let trialStages: [String]

    public init(
        contest: String, edition: String, timeZone: String, rounding: Rounding, roundingPoints: Set<RoundingPoint>,
        nominations: [Nomination], stages: [Stage], result: ResultRules, jury: JuryRules = JuryRules(), event: EventRules? = nil
    ) {
        self.jury = jury
        self.event = event

        self.contest = contest
        self.edition = edition
        self.timeZone = timeZone
        self.rounding = rounding
        self.roundingPoints = roundingPoints
        self.nominations = nominations
        self.stages = stages
        self.result = result
        trials = stages.flatMap(\.trials)
        trialStages = stages.flatMap { stage in stage.trials.map { _ in stage.id } }
    }

    public func nomination(_ id: String) -> Nomination? { nominations.first { $0.id == id } }
    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }
}

/// How the jury works: panel size per application, what a recusal does, what a sheet requires.
public struct JuryRules: Sendable, Equatable {
    public enum Recusal: String, Sendable, CaseIterable {
        /// A juror who withdraws from an application is replaced by another (the panel stays full).
        case replace
        /// Nobody replaces them: the application's result is over the jurors who did score it.
        case scorers
    }

    /// When a juror sees other jurors' marks.
    public enum MarksVisible: String, Sendable, CaseIterable {
        case afterClose = "after_close"
        case always
    }

    public var perApplication: Int = 3
    public var recusal: Recusal = .replace
    /// A mark at either end of a criterion's scale needs a comment.
    public var commentAtExtremes: Bool = false
    /// What a disagreement beyond the spread leads to.
    public enum DisagreementAction: String, Sendable, CaseIterable {
        /// The board flags it; the secretary decides.
        case flag
        /// The board proposes one more juror from the panel, who scores once the secretary confirms.
        case extraJuror = "extra_juror"
    }

    /// Jurors' trial totals of one application further apart than this are flagged.
    public var disagreement: Rational?
    public var onDisagreement: DisagreementAction = .flag

    public var marksVisible: MarksVisible = .afterClose
    /// Members besides the chair who must sign a protocol; nil: a majority of the other members.
    public var signatures: Int?

    public init() {}
}

public enum RoundingPoint: String, Sendable, CaseIterable {
    /// After each aggregation across jurors (e.g. each trimmed mean).
    case aggregate
    /// After each factored component (attempt score × factor, trial score × weight).
    case component
    /// The final total (always applied; listed for clarity).
    case end
}

public struct Nomination: Sendable, Equatable {
    public enum EntryKind: String, Sendable, CaseIterable {
        case person, pair, team, organisation

        public var title: String {
            switch self {
            case .person: "индивидуальное"
            case .pair: "пара «наставник — наставляемый»"
            case .team: "команда"
            case .organisation: "организация"
            }
        }
    }

    public var id: String
    public var title: String
    /// Who an entry is: its kind, roles and roster size.
    public var entry: EntryRules
    public var entryKind: EntryKind { entry.kind }
    public var eligibility: Eligibility
    public var quotaPerOrganisation: Int?
    public var minimumEntrants: Int
    /// False for participation-only events (certificates, no places).
    public var places: Bool
    public var awards: AwardScheme
    /// Documents an application carries; the required ones are checked on submit.
    public var documents: [DocumentRequirement] = []
    public var video: VideoRule = .none
    /// Whether a person may nominate themselves (recorded on the application as self-nominated).
    public var selfNomination: Bool = false
    /// The contest's own fields on the form.
    public var fields: [OwnField] = []

    public enum VideoRule: String, Sendable, CaseIterable { case none, optional, required }
}

/// A document the regulation asks for ("Представление организации", "Портфолио").
public struct DocumentRequirement: Sendable, Equatable {
    public var id: String
    public var title: String
    public var required: Bool

    public init(id: String, title: String, required: Bool) {
        self.id = id
        self.title = title
        self.required = required
    }
}

public struct Eligibility: Sendable, Equatable {
    public var maximumAge: Int?
    public var maximumExperienceYears: Int?
    public var minimumExperienceYears: Int?
    /// ISO date (YYYY-MM-DD) on which age and experience are measured.
    public var referenceDate: String?
    /// Kinds of organisation that may nominate (empty: any).
    public var organisationKinds: [Organisation.Kind] = []
    /// Qualification categories a contestant may hold, as written in the application (empty: any).
    public var categories: [String] = []
    public var notes: String?

    public static let none = Eligibility()
}

public struct AwardScheme: Sendable, Equatable {
    public enum Laureates: Sendable, Equatable {
        case none
        /// Places up to and including this one (after the prize places).
        case top(Int)
        /// Every ranked entry whose total reaches this value.
        case threshold(Rational)
    }

    /// How many places are "winner" (usually 1).
    public var winnerPlaces: Int
    public var secondPrize: Bool
    public var thirdPrize: Bool
    public var laureates: Laureates
    /// Every other ranked entry is a participant.
    public var participants: Bool
    /// Special prizes the jury may give by decision (names).
    public var specialPrizes: [String]

    public static let standard = AwardScheme(
        winnerPlaces: 1, secondPrize: true, thirdPrize: true, laureates: .none, participants: true, specialPrizes: [])
}

public struct Stage: Sendable, Equatable {
    public enum Advancement: Sendable, Equatable {
        case all
        case top(Int)
        case topPercent(Int)
        case threshold(Rational)
    }

    public var id: String
    public var title: String
    /// False: the running total starts again at this stage (earlier stages no longer count).
    public var carriesOver: Bool
    /// Who goes on to the next stage; the others are ranked after every qualifier.
    public var advancement: Advancement
    public var trials: [Trial]
}

public struct Trial: Sendable, Equatable {
    public enum PerJuror: String, Sendable, CaseIterable {
        case sum
        case weightedSum = "weighted_sum"
        case weightedMean = "weighted_mean"
    }

    public enum AttemptCombination: String, Sendable, CaseIterable {
        case best, sum
    }

    public enum Normalisation: String, Sendable, CaseIterable {
        case none
        case zScore = "z_score"
    }

    public var id: String
    public var title: String
    /// Multiplies the trial's score (its weight within the stage).
    public var weight: Rational
    public var attempts: Int
    public var combineAttempts: AttemptCombination
    public var perJuror: PerJuror
    public var acrossJurors: Aggregation
    /// A mark after its penalty never goes below this.
    public var markFloor: Rational?
    /// An attempt's score (after factor and extras) never goes below this.
    public var floor: Rational?
    public var normalisation: Normalisation
    public var criteria: [Criterion]
    /// Factor, penalty and extras the trial takes, and who enters each (`components:`).
    public var components: [TrialComponent] = []

    public func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
}

public struct Aggregation: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case sum, mean, median
        case trimmedMean = "trimmed_mean"
        case middleSum = "middle_sum"
        case rankSum = "rank_sum"
        case borda, schulze

        public var title: String {
            switch self {
            case .sum: "сумма оценок жюри"
            case .mean: "среднее оценок жюри"
            case .median: "медиана"
            case .trimmedMean: "среднее без крайних оценок"
            case .middleSum: "сумма без крайних оценок"
            case .rankSum: "сумма мест"
            case .borda: "метод Борда"
            case .schulze: "метод Шульце"
            }
        }

        public var isRankBased: Bool { self == .rankSum || self == .borda || self == .schulze }
        public var trims: Bool { self == .trimmedMean || self == .middleSum }
    }

    public enum Target: String, Sendable, CaseIterable {
        /// Aggregate each juror's trial total.
        case total
        /// Aggregate each criterion across jurors, then combine the criteria.
        case criterion
    }

    public var method: Method
    /// Marks dropped at each end (trimmed mean, middle sum).
    public var trim: Int
    /// Fewest marks for trimming; with fewer, `fallback` is used.
    public var minimumPanel: Int
    public var fallback: Method
    public var target: Target

    public static let mean = Aggregation(method: .mean, trim: 0, minimumPanel: 1, fallback: .mean, target: .total)
}

public struct Criterion: Sendable, Equatable {
    public var id: String
    public var title: String
    public var minimum: Rational
    public var maximum: Rational
    public var step: Rational
    public var weight: Rational
    /// Upper limit of the criterion's weighted contribution to a juror's trial total.
    public var cap: Rational?
    /// Level descriptors: mark → what it means.
    public var levels: [(mark: Rational, description: String)]

    public static func == (lhs: Criterion, rhs: Criterion) -> Bool {
        lhs.id == rhs.id && lhs.title == rhs.title && lhs.minimum == rhs.minimum && lhs.maximum == rhs.maximum
            && lhs.step == rhs.step && lhs.weight == rhs.weight && lhs.cap == rhs.cap
            && lhs.levels.map(\.mark) == rhs.levels.map(\.mark) && lhs.levels.map(\.description) == rhs.levels.map(\.description)
    }

    /// True when `mark` is on the scale: within [min, max] and a whole number of steps from min.
    public func accepts(_ mark: Rational) -> Bool {
        guard mark >= minimum, mark <= maximum else { return false }
        guard let offset = try? mark.subtracting(minimum).divided(by: step) else { return false }
        return offset.isInteger
    }
}

public struct ResultRules: Sendable, Equatable {
    public enum Order: String, Sendable, CaseIterable {
        case descending, ascending
    }

    public var order: Order
    /// The final total never goes below this.
    public var floor: Rational?
    public var ties: [TieRule]
    /// Methods the robustness section recomputes the winners with; empty: mean and median.
    public var robustness: [Aggregation.Method] = []
    /// When and for how long organisations may appeal; nil: the edition has no appeals.
    public var appeals: AppealRules?
}

/// One step of the tie-break cascade.
public enum TieRule: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case stage(String)
        case trial(String)
        /// `trial.criterion`: the criterion's aggregated value in that trial.
        case criterion(trial: String, criterion: String)
        /// A named extra component from the score file (`extra:NAME`), summed over the entry's attempts.
        case component(String)
    }

    public enum Decision: String, Sendable, CaseIterable {
        case juryVote = "jury_vote"
        case chair
    }

    case higher(Subject)
    case lower(Subject)
    case decision(Decision)
    case shared
}
