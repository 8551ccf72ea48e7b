import KonkursCore
import KonkursStore

/// Every use case, wired to one database: what the web and CLI doors call.
public struct KonkursServices: Sendable {
    let database: Database
    public let status: SystemStatus
    public let organisations: OrganisationService
    public let users: UserService
    public let auth: AuthService
    public let audit: AuditService
    public let account: AccountService
    public let contests: ContestService
    public let applications: ApplicationService
    public let jury: JuryService
    public let scores: ScoreService
    public let results: ContestResults
    public let protocols: ProtocolService
    public let appeals: AppealService
    public let publications: PublicationService
    public let diplomas: DiplomaService
    public let events: EventService
    public let links: PublicLinks

    public init(database: Database, hasher: PasswordHasher = PasswordHasher(), limits: AuthService.Limits = .init()) {
        self.database = database
        status = SystemStatus(database: database)
        organisations = OrganisationService(database: database)
        users = UserService(database: database, hasher: hasher)
        auth = AuthService(database: database, hasher: hasher, limits: limits)
        audit = AuditService(database: database)
        account = AccountService(database: database, hasher: hasher)
        contests = ContestService(database: database)
        applications = ApplicationService(database: database)
        jury = JuryService(database: database)
        scores = ScoreService(database: database)
        results = ContestResults(database: database)
        protocols = ProtocolService(database: database)
        appeals = AppealService(database: database)
        publications = PublicationService(database: database)
        diplomas = DiplomaService(database: database)
        events = EventService(database: database)
        links = PublicLinks(database: database)
    }

    /// The command line acts as the department administrator who runs it on the server.
    public static let commandLine = RequestOrigin(actor: Actor(userID: 0, login: "konkurs-cli", roles: [.admin], organisationID: nil))
}
