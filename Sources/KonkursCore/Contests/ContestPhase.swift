/// Where a contest edition is in its life (Docs/architecture.md, "Contests and applications"). Every change goes through
/// `ContestPhase.transition`, which refuses anything the lifecycle does not allow.
public enum ContestPhase: String, Sendable, CaseIterable {
    case draft
    case announced
    case applicationsOpen = "applications_open"
    case applicationsClosed = "applications_closed"
    case admissionReview = "admission_review"
    case stageActive = "stage_active"
    case stageScored = "stage_scored"
    case protocolSigned = "protocol_signed"
    case appealWindow = "appeal_window"
    case resultsFinal = "results_final"
    case approved
    case published
    case archived
    case cancelled

    public var title: String {
        switch self {
        case .draft: "черновик"
        case .announced: "объявлен"
        case .applicationsOpen: "приём заявок"
        case .applicationsClosed: "приём заявок завершён"
        case .admissionReview: "проверка заявок"
        case .stageActive: "идёт этап"
        case .stageScored: "этап оценён"
        case .protocolSigned: "протокол этапа подписан"
        case .appealWindow: "приём апелляций"
        case .resultsFinal: "итоги окончательны"
        case .approved: "итоги утверждены"
        case .published: "итоги опубликованы"
        case .archived: "в архиве"
        case .cancelled: "отменён"
        }
    }

    /// Phases the public sees (everything after the draft, except a cancelled draft).
    public var isPublic: Bool { self != .draft }

    // The rules below decide what each phase allows; every layer asks them instead of listing phases.

    /// Organisations' drafts can still be made (the form, an import): announced or taking applications.
    public var takesDrafts: Bool { self == .announced || self == .applicationsOpen }

    /// The current stage's scores are in: its results and protocols can be read.
    public var hasScores: Bool { [.stageScored, .protocolSigned, .appealWindow, .resultsFinal, .approved, .published, .archived].contains(self) }

    /// A protocol may be drawn up: the scores are in and the edition is not archived.
    public var takesProtocols: Bool { hasScores && self != .archived }

    /// A stage protocol has been signed: organisations may look for appeals on their applications.
    public var hasSignedProtocol: Bool { hasScores && self != .stageScored }

    /// The results may be approved by an order (again, for a correction): signed and not archived.
    public var takesApproval: Bool { hasSignedProtocol && self != .archived }

    /// The results are public.
    public var isPublished: Bool { self == .published || self == .archived }

    /// The phases this one may move to. `stageActive` after a signed protocol starts the next stage.
    public var next: [ContestPhase] {
        let forward: [ContestPhase] =
            switch self {
            case .draft: [.announced]
            case .announced: [.applicationsOpen]
            case .applicationsOpen: [.applicationsClosed]
            case .applicationsClosed: [.admissionReview]
            case .admissionReview: [.stageActive]
            case .stageActive: [.stageScored]
            case .stageScored: [.protocolSigned]
            case .protocolSigned: [.stageActive, .appealWindow, .resultsFinal]
            case .appealWindow: [.resultsFinal]
            case .resultsFinal: [.approved]
            case .approved: [.published]
            case .published: [.archived]
            case .archived, .cancelled: []
            }
        // Cancelled from any state before publication.
        let beforePublication: Set<ContestPhase> = [.published, .archived, .cancelled]
        return beforePublication.contains(self) ? forward : forward + [.cancelled]
    }

    public struct RefusedTransition: ActionableError, Equatable {
        public let from: ContestPhase
        public let to: ContestPhase
        /// The chain whose lifecycle refused it (what it says is possible instead depends on it).
        public let chain: EventRules.Chain

        public init(from: ContestPhase, to: ContestPhase, chain: EventRules.Chain = .jury) {
            self.from = from
            self.to = to
            self.chain = chain
        }

        public var message: String {
            let allowed = from.next(chain).map { "«\($0.title)»" }.joined(separator: ", ")
            return "из состояния «\(from.title)» нельзя перейти в «\(to.title)»"
                + (allowed.isEmpty ? ": состояние окончательное" : "; возможно: \(allowed)")
        }
    }

    /// The new phase, or the reason it is refused.
    public func transition(to target: ContestPhase) throws(RefusedTransition) -> ContestPhase {
        guard next.contains(target) else { throw RefusedTransition(from: self, to: target) }
        return target
    }
}
