import Foundation
import KonkursCore
import KonkursService

/// One application's page: the new-application form, or an application with its documents and
/// the actions the person may take.
struct ApplicationPage {
    let title: String
    let session: PageSession?
    let notice: String?
    let errors: [String]
    let contestID: Int64
    let contestTitle: String
    let nominationID: String
    let nominationTitle: String
    let summary: Summary?
    /// The form, when this person may change the application.
    let form: ApplicationForm.View?
    let formAction: String
    let video: Bool
    let videoRequired: Bool
    let selfNomination: Bool
    let documents: [DocumentRow]
    let requiredDocuments: [RequiredRow]
    let documentKinds: [ApplicationForm.Option]
    let canUpload: Bool
    let canSubmit: Bool
    let canWithdraw: Bool
    let canDecide: Bool
    let uploadHint: String
    /// After the results: appealing, withdrawing the publication consent, the diplomas.
    var results: ResultsActions? = nil
    let version = Konkurs.version

    struct ResultsActions {
        let canAppeal: Bool
        let canWithdrawConsent: Bool
        let diplomas: Bool
    }

    struct Summary {
        let id: Int64
        let organisation: String
        let status: String
        let statusCode: String
        let reason: String?
        let entryName: String?
        let members: [MemberLine]
        let fields: [FieldLine]

        let consentProcessing: String
        let consentPublication: String
        let selfNominated: Bool
        let videoLinks: [String]
    }

    struct MemberLine {
        let role: String
        let fullName: String
        let details: String

        init(_ member: Application.Member, role: String) {
            self.role = role
            fullName = member.fullName
            let dates = member.birthDate.isEmpty ? [] : ["род. \(CalendarDate(member.birthDate)?.russian ?? member.birthDate)"]
            let service = member.experienceStart.isEmpty ? [] : ["стаж с \(CalendarDate(member.experienceStart)?.russian ?? member.experienceStart)"]
            let guardian = member.guardian.map { ["согласия дал(а) \($0)"] } ?? []
            let listed = member.namePublished == true ? ["имя можно публиковать с командой"] : []
            details =
                ([member.position.isEmpty ? nil : member.position, member.subject].compactMap { $0 } + dates + service
                + [member.category, member.contacts].compactMap { $0 } + guardian + listed).joined(separator: "; ")
        }
    }

    struct FieldLine {
        let title: String
        let value: String
        let link: Bool
    }

    struct DocumentRow {
        let id: Int64
        let kind: String
        let fileName: String
        let size: String
    }

    struct RequiredRow {
        let title: String
        let present: Bool
    }

    static func form(_ context: AppRequestContext, contest: ContestEdition, nomination: Nomination, form: ApplicationForm, errors: [String])
        -> ApplicationPage
    {
        ApplicationPage(
            title: "Новая заявка", session: PageSession(context), notice: nil, errors: errors, contestID: contest.id,
            contestTitle: "\(contest.title), \(contest.edition)",
            nominationID: nomination.id, nominationTitle: nomination.title, summary: nil, form: form.view, formAction: "/applications/new",
            video: nomination.video != .none, videoRequired: nomination.video == .required, selfNomination: nomination.selfNomination, documents: [],
            requiredDocuments: nomination.documents.map { RequiredRow(title: $0.title + ($0.required ? "" : " (по желанию)"), present: false) },
            documentKinds: [], canUpload: false, canSubmit: false, canWithdraw: false, canDecide: false, uploadHint: "")
    }

    static func resultsActions(_ actor: Actor?, application: Application, contest: ContestEdition) -> ResultsActions? {
        guard application.status == .admitted, contest.phase.hasSignedProtocol else { return nil }
        let own = AccessPolicy.decide(actor, .fileAppeals, .application(organisationID: application.organisationID)) == .allow
        let department = AccessPolicy.decide(actor, .decideApplications, .application(organisationID: application.organisationID)) == .allow
        return ResultsActions(
            canAppeal: own, canWithdrawConsent: (own || department) && !(application.consentPublication ?? []).isEmpty,
            diplomas: contest.phase == .published || contest.phase == .archived)
    }

    static func view(
        _ context: AppRequestContext, application: Application, contest: ContestEdition, organisation: String, documents: [ApplicationDocument],
        notice: String?,
        errors: [String], typed: ApplicationForm?
    ) throws -> ApplicationPage {
        let nomination = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").nomination(application.nomination)
        let actor = context.actor
        let canEdit =
            application.isEditable
            && AccessPolicy.decide(actor, .editApplications, .application(organisationID: application.organisationID)) == .allow
        let declared = nomination?.documents ?? []
        let titles = Dictionary(uniqueKeysWithValues: declared.map { ($0.id, $0.title) })
        let attached = Set(documents.map(\.kind))
        let publication = application.consentPublication.map { $0.isEmpty ? "публиковать нельзя" : Application.publishableTitles($0) } ?? "не указано"
        return ApplicationPage(
            title: "Заявка №\(application.id)", session: PageSession(context), notice: notice, errors: errors, contestID: contest.id,
            contestTitle: "\(contest.title), \(contest.edition)", nominationID: application.nomination,
            nominationTitle: nomination?.title ?? application.nomination,
            summary: Summary(
                id: application.id, organisation: organisation, status: application.status.title, statusCode: application.status.rawValue,
                reason: application.reason,
                entryName: application.entryName,
                members: application.members.map { MemberLine($0, role: nomination?.entry.title(of: $0.role) ?? $0.role.rawValue) },
                fields: (nomination?.fields ?? []).compactMap { field in
                    application.fields[field.id].map { FieldLine(title: field.title, value: $0, link: field.kind == .link) }
                },
                consentProcessing: application.consentProcessing ? "получено" : "нет", consentPublication: publication,
                selfNominated: application.selfNominated, videoLinks: application.videoLinks),
            form: canEdit ? nomination.map { (typed ?? ApplicationForm(application, nomination: $0)).view } : nil,
            formAction: "/applications/\(application.id)", video: nomination?.video != Nomination.VideoRule.none,
            videoRequired: nomination?.video == .required, selfNomination: nomination?.selfNomination ?? false,
            documents: documents.map {
                DocumentRow(id: $0.id, kind: titles[$0.kind] ?? "другое", fileName: $0.fileName, size: DocumentUploadCheck.megabytes($0.size))
            },
            requiredDocuments: declared.map {
                RequiredRow(title: $0.title + ($0.required ? "" : " (по желанию)"), present: attached.contains($0.id))
            },
            documentKinds: declared.map { ApplicationForm.Option(code: $0.id, title: $0.title, selected: false) }
                + [ApplicationForm.Option(code: ApplicationDocument.otherKind, title: "Другой документ", selected: false)],
            canUpload: canEdit, canSubmit: canEdit,
            canWithdraw: application.status.isWithdrawable
                && AccessPolicy.decide(actor, .editApplications, .application(organisationID: application.organisationID)) == .allow,
            canDecide: application.status == .submitted
                && AccessPolicy.decide(actor, .decideApplications, .application(organisationID: application.organisationID)) == .allow,
            uploadHint: "PDF, DOC, DOCX, JPG или PNG; до 15 МБ на файл и 50 МБ на заявку",
            results: resultsActions(actor, application: application, contest: contest))
    }
}

/// The list of applications: a coordinator's own with the contests open for applications; the
/// department's with filters and export.
struct ApplicationListPage {
    let title = "Заявки"
    let session: PageSession?
    let rows: [Row]
    let openNominations: [OpenNomination]
    let department: Bool
    let canExport: Bool
    let contests: [ApplicationForm.Option]
    let statuses: [ApplicationForm.Option]
    let organisations: [ApplicationForm.Option]
    let nomination: String
    let exportQuery: String
    /// Editions that take imported applications (announced or open), for the department's upload form.
    let importContests: [ApplicationForm.Option]
    let notice: String?
    let errors: [String]
    let version = Konkurs.version

    struct Row {
        let id: Int64
        let contest: String
        let nomination: String
        let organisation: String
        let contestant: String
        let status: String
        let statusCode: String
        let reason: String?
    }

    struct OpenNomination {
        let contestID: Int64
        let contest: String
        let id: String
        let title: String
    }

    init(
        session: PageSession?, actor: Actor, applications: [Application], contests: [ContestEdition], organisations: [Organisation],
        filter: ApplicationFilter, exportQuery: String, notice: String? = nil, errors: [String] = []
    ) {
        self.session = session
        self.notice = notice
        self.errors = errors
        let regulations = Dictionary(
            uniqueKeysWithValues: contests.map { ($0.id, try? RegulationParser.parse($0.regulationText, file: "regulation.yaml")) })
        let contestTitles = Dictionary(uniqueKeysWithValues: contests.map { ($0.id, "\($0.title), \($0.edition)") })
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.shortName) })
        rows = applications.reversed().map { application in
            Row(
                id: application.id, contest: contestTitles[application.contestID] ?? "№\(application.contestID)",
                nomination: regulations[application.contestID]??.nomination(application.nomination)?.title ?? application.nomination,
                organisation: names[application.organisationID] ?? "№\(application.organisationID)",
                contestant: application.entryTitle,
                status: application.status.title, statusCode: application.status.rawValue, reason: application.reason)
        }
        let canCreate = actor.organisationID != nil && AccessPolicy.decide(actor, .editApplications, .registry) == .allow
        openNominations =
            canCreate
            ? contests.filter { $0.phase == .applicationsOpen }.flatMap { contest in
                (regulations[contest.id]??.nominations ?? []).map {
                    OpenNomination(contestID: contest.id, contest: contestTitles[contest.id] ?? "", id: $0.id, title: $0.title)
                }
            } : []
        department = AccessPolicy.scope(of: actor, for: .viewApplications) == .all
        canExport = AccessPolicy.decide(actor, .exportApplications, .registry) == .allow
        self.contests = contests.map {
            ApplicationForm.Option(code: "\($0.id)", title: contestTitles[$0.id] ?? "", selected: $0.id == filter.contest)
        }
        statuses = Application.Status.allCases.map { ApplicationForm.Option(code: $0.rawValue, title: $0.title, selected: $0 == filter.status) }
        self.organisations = organisations.map {
            ApplicationForm.Option(code: "\($0.id)", title: $0.shortName, selected: $0.id == filter.organisation)
        }
        nomination = filter.nomination ?? ""
        self.exportQuery = exportQuery
        importContests =
            AccessPolicy.decide(actor, .importApplications, .registry) == .allow
            ? contests.filter { [.announced, .applicationsOpen].contains($0.phase) }
                .map { ApplicationForm.Option(code: "\($0.id)", title: contestTitles[$0.id] ?? "", selected: $0.id == filter.contest) }
            : []
    }
}
