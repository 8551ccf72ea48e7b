/// A participation event (a week of master classes, a rally, open lessons): presenters apply with
/// their session, the department builds the programme, attendees are registered and marked present,
/// and participation certificates follow the department's approval, without places, a jury's
/// protocol or signatures (`chain: approval`), or after the usual protocol (`chain: jury`).
public struct EventRules: Sendable, Equatable {
    public enum Chain: String, Sendable, CaseIterable {
        /// The department approves by an order and the certificates are issued: no jury chain.
        case approval
        /// Scored and signed as any contest; the programme and attendance come on top.
        case jury
    }

    /// Who receives a participation certificate.
    public enum Recipient: String, Sendable, CaseIterable {
        case presenters, attendees
    }

    public var chain: Chain
    public var certificates: Set<Recipient>
    /// The own field that titles a session in the programme (the master class's topic).
    public var sessionTitle: String?

    public init(chain: Chain = .approval, certificates: Set<Recipient> = [.presenters, .attendees], sessionTitle: String? = nil) {
        self.chain = chain
        self.certificates = certificates
        self.sessionTitle = sessionTitle
    }

    /// What a presenter's session is called in the programme, on the event page and on certificates:
    /// the own field the regulation names, else the nomination's title.
    public func title(of application: Application, in regulation: Regulation) -> String {
        sessionTitle.flatMap { application.fields[$0] } ?? regulation.nomination(application.nomination)?.title ?? application.nomination
    }
}

extension ContestPhase {
    /// The phases this one may move to under the regulation's chain: an event approved without a
    /// jury goes from the admission review straight to the approval by order.
    public func next(_ chain: EventRules.Chain) -> [ContestPhase] {
        guard chain == .approval, self == .admissionReview else { return next }
        return next.map { $0 == .stageActive ? .approved : $0 }
    }

    /// The new phase under the regulation's chain, or the reason it is refused.
    public func transition(to target: ContestPhase, chain: EventRules.Chain) throws(RefusedTransition) -> ContestPhase {
        guard next(chain).contains(target) else { throw RefusedTransition(from: self, to: target, chain: chain) }
        return target
    }

    /// The programme may be built and attendees registered and marked: from the announcement until
    /// the certificates are issued.
    public var takesProgramme: Bool {
        [.announced, .applicationsOpen, .applicationsClosed, .admissionReview, .stageActive, .stageScored].contains(self)
    }
}
