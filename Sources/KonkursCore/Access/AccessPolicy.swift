/// Everything a person can ask the system to do, as the access policy sees it.
public enum Action: String, Sendable, CaseIterable {
    case viewOrganisations = "organisations.view"
    case manageOrganisations = "organisations.manage"
    case exportOrganisations = "organisations.export"
    case viewUsers = "users.view"
    case manageUsers = "users.manage"
    case viewAudit = "audit.view"
    case viewOwnAccount = "account.view"
    case manageOwnAccount = "account.manage"
    case viewContests = "contests.view"
    case manageContests = "contests.manage"
    case viewApplications = "applications.view"
    /// Create, fill in, submit, withdraw: the organisation's coordinator.
    case editApplications = "applications.edit"
    /// Admit, return for correction, refuse: the department.
    case decideApplications = "applications.decide"
    /// The application list with personal data as a spreadsheet.
    case exportApplications = "applications.export"
    /// Drafts for organisations from a spreadsheet of applications collected outside Konkurs: the department.
    case importApplications = "applications.import"
    /// Panels, assignments, marks typed in from paper: the department's secretary.
    case manageJury = "jury.manage"
    /// The progress board: who still owes which sheet, where jurors disagree.
    case viewScoring = "scores.view"
    /// Reading an assigned application and filling its sheets: its jurors, unless conflicted.
    case enterScores = "scores.enter"
    /// An attempt's factor and extra points: whoever the trial declares (the secretary, or the chair
    /// of the application's panel).
    case enterComponents = "scores.components"
    /// Reopening a submitted sheet, with a reason: the panel's chair.
    case reopenSheets = "scores.reopen"
    /// Protocols, appeals and publications of an edition; a protocol's signers read the one they sign.
    case viewResults = "results.view"
    /// Drawing up protocols, recording the approving order, asking to publish, diploma templates.
    case manageResults = "results.manage"
    /// Confirming a publication someone else asked for (the second pair of eyes).
    case publishResults = "results.publish"
    /// Signing a protocol: its jury, each in their own account.
    case signProtocols = "protocols.sign"
    /// An organisation's appeal against its application's result.
    case fileAppeals = "appeals.file"
    /// The appeal commission's decision (outside the jury).
    case decideAppeals = "appeals.decide"
}

/// What an action is applied to.
public enum Resource: Sendable, Equatable {
    /// A registry as a whole (lists, creation, import, export).
    case registry
    case organisation(id: Int64)
    case user(id: Int64, organisationID: Int64?)
    case account(userID: Int64)
    /// A contest edition; public once announced (drafts are the department's).
    case contest(id: Int64, isPublic: Bool)
    case application(organisationID: Int64)
    /// An application number that names none: answered as another organisation's application would
    /// be, so that a guess learns nothing (a coordinator: 404; the department: allowed, then 404).
    case unknownApplication
    /// An application as a juror meets it: assigned to them or not, conflicted or not.
    case scoring(assigned: Bool, conflicted: Bool)
    /// A panel, seen from one of its members: whether they chair it.
    case panel(chairedByActor: Bool)
    /// An attempt's declared values, entered by `enteredBy`; whether the actor chairs the entry's panel.
    case attemptValues(enteredBy: TrialComponent.Enterer, chairedByActor: Bool)
    /// A protocol, seen from someone who is or is not on the jury that signs it.
    case resultProtocol(signer: Bool)
}

extension Resource {
    /// An application of this organisation, or an unknown application when there is none.
    public static func application(of organisationID: Int64?) -> Resource {
        organisationID.map { .application(organisationID: $0) } ?? .unknownApplication
    }
}

/// The policy's answer. `notFound` hides that something exists from those who may not see it.
public enum Decision: Sendable, Equatable {
    case allow
    case unauthenticated
    case forbidden
    case notFound
}

/// The one access policy: every use case asks it before doing anything, and anything it does not
/// explicitly allow is refused. The matrix is written out in `Docs/security.md`.
public enum AccessPolicy {
    public static func decide(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Decision {
        guard let actor else {
            // Announced contests, their nominations, dates and regulation are public.
            switch (action, resource) {
            case (.viewContests, .registry), (.viewContests, .contest(_, isPublic: true)): return .allow
            default: return .unauthenticated
            }
        }
        // Nobody, an administrator included, reads or scores an application as a juror unless assigned to it.
        if case .scoring(let assigned, let conflicted) = resource, !assigned || conflicted {
            return actor.roles.isDisjoint(with: [.juror, .chair, .admin]) ? .forbidden : .notFound
        }
        // Only the jury signs its protocol, an administrator included.
        if action == .signProtocols {
            guard case .resultProtocol(let signer) = resource, signer else {
                return actor.roles.isDisjoint(with: [.juror, .chair, .admin]) ? .forbidden : .notFound
            }
            return .allow
        }
        if resource == .unknownApplication { return decide(actor, action, .application(organisationID: .min)) }
        if actor.roles.contains(.admin) { return .allow }
        switch action {
        case .viewContests:
            if case .contest(_, let isPublic) = resource, !isPublic {
                return actor.roles.isDisjoint(with: [.secretary, .counting, .observer]) ? .notFound : .allow
            }
            return .allow
        case .manageContests, .decideApplications, .importApplications:
            return actor.roles.contains(.secretary) ? .allow : .forbidden
        case .viewApplications, .editApplications:
            if action == .viewApplications && !actor.roles.isDisjoint(with: [.secretary, .counting, .observer]) { return .allow }
            guard actor.roles.contains(.coordinator) else { return .forbidden }
            switch resource {
            case .registry: return .allow  // narrowed to the coordinator's organisation
            case .application(let organisationID): return organisationID == actor.organisationID ? .allow : .notFound
            default: return .forbidden
            }
        case .viewOwnAccount, .manageOwnAccount:
            if case .account(let userID) = resource, userID == actor.userID { return .allow }
            return .forbidden
        case .viewOrganisations:
            if !actor.roles.isDisjoint(with: [.secretary, .counting, .observer]) { return .allow }
            if actor.roles.contains(.coordinator) {
                switch resource {
                case .registry: return .allow  // the list is narrowed to the coordinator's own organisation
                case .organisation(let id): return id == actor.organisationID ? .allow : .notFound
                default: return .forbidden
                }
            }
            return .forbidden
        case .exportOrganisations, .exportApplications:
            return actor.roles.contains(.secretary) ? .allow : .forbidden
        case .viewUsers:
            if actor.roles.contains(.secretary) { return .allow }
            if actor.roles.contains(.coordinator) {
                switch resource {
                case .registry: return .allow  // narrowed to the coordinator's organisation
                case .user(_, let organisationID): return organisationID != nil && organisationID == actor.organisationID ? .allow : .notFound
                default: return .forbidden
                }
            }
            return .forbidden
        case .viewAudit, .viewScoring:
            return actor.roles.isDisjoint(with: [.secretary, .counting, .observer]) ? .forbidden : .allow
        case .manageJury:
            return actor.roles.contains(.secretary) ? .allow : .forbidden
        case .enterScores:
            guard !actor.roles.isDisjoint(with: [.juror, .chair]) else { return .forbidden }
            switch resource {
            case .registry: return .allow  // narrowed to the juror's own assignments
            case .scoring(let assigned, let conflicted): return assigned && !conflicted ? .allow : .notFound
            default: return .forbidden
            }
        case .reopenSheets:
            if case .panel(let chaired) = resource, chaired, actor.roles.contains(.chair) { return .allow }
            return .forbidden
        case .enterComponents:
            switch resource {
            case .registry: return actor.roles.isDisjoint(with: [.secretary, .chair]) ? .forbidden : .allow
            case .attemptValues(.secretary, _): return actor.roles.contains(.secretary) ? .allow : .forbidden
            case .attemptValues(.chair, let chaired): return chaired && actor.roles.contains(.chair) ? .allow : .forbidden
            default: return .forbidden
            }

        case .viewResults:
            if case .resultProtocol(signer: true) = resource { return .allow }
            return actor.roles.isDisjoint(with: [.secretary, .counting, .observer]) ? .forbidden : .allow
        case .manageResults, .publishResults:
            return actor.roles.contains(.secretary) ? .allow : .forbidden
        case .decideAppeals:
            return actor.roles.isDisjoint(with: [.secretary, .counting]) ? .forbidden : .allow
        case .fileAppeals:
            guard actor.roles.contains(.coordinator), case .application(let organisationID) = resource else { return .forbidden }
            return organisationID == actor.organisationID ? .allow : .notFound
        case .signProtocols:
            return .forbidden
        case .manageOrganisations, .manageUsers:
            return .forbidden
        }
    }

    /// Reading an application's documents, one rule for every door: whoever may view the application
    /// (the department, its organisation), and a juror it is assigned to without a conflict (`asJuror`
    /// is the application as that juror meets it).
    public static func decideDocuments(_ actor: Actor?, application: Resource, asJuror: Resource) -> Decision {
        let asViewer = decide(actor, .viewApplications, application)
        guard asViewer != .allow, let actor, decide(actor, .enterScores, .registry) == .allow else { return asViewer }
        return decide(actor, .enterScores, asJuror)
    }

    /// Which organisations' records a list shows to this actor.
    public enum Scope: Sendable, Equatable {
        case all
        case organisation(Int64)
        case nothing
    }

    public static func scope(of actor: Actor, for action: Action) -> Scope {
        guard decide(actor, action, .registry) == .allow else { return .nothing }
        // A coordinator without a wider role sees only their own organisation's records.
        let wider: Set<Role> =
            switch action {
            case .viewUsers: [.admin, .secretary]
            case .editApplications: [.admin]
            default: [.admin, .secretary, .counting, .observer]
            }
        if !actor.roles.isDisjoint(with: wider) { return .all }
        return actor.organisationID.map(Scope.organisation) ?? .nothing
    }

    /// Whether a list of contests shows this actor the drafts too (everyone sees announced ones).
    public static func seesDraftContests(_ actor: Actor?) -> Bool {
        decide(actor, .viewContests, .contest(id: 0, isPublic: false)) == .allow
    }
}
