import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The department's «Итоги» page: protocols and their signatures, the approving order, publication
/// by two people, appeals and the commission's decisions, diploma templates and printing.
struct ResultsAdminPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/results", use: resultsPage)
        routes.on("/admin/results/{contest}/protocols", method: .post, use: drawProtocol)
        routes.on("/admin/results/{contest}/protocols/{id}/paper-signature", method: .post, use: recordPaperSignature)
        routes.on("/admin/results/{contest}/approval", method: .post, use: recordApproval)
        routes.on("/admin/results/{contest}/publication", method: .post, use: requestPublication)
        routes.on("/admin/results/{contest}/publication/confirm", method: .post, use: confirmPublication)
        routes.on("/admin/results/{contest}/appeals/{id}", method: .post, use: decideAppeal)
        routes.on("/admin/results/{contest}/templates/{award}", method: .post, use: saveDiplomaTemplate)
        routes.on("/admin/results/{contest}/ties", method: .post, use: decideTie)
        routes.on("/admin/results/{contest}/prizes", method: .post, use: awardPrize)
    }

    struct Page {
        let title = "Итоги, протоколы и публикация"
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contests: [ApplicationForm.Option]
        let contestID: Int64?
        let phase: String
        let protocols: [ProtocolLine]
        let approval: String?
        let publications: [PublicationLine]
        let pending: Bool
        let appeals: [AppealLine]
        let templates: [TemplateLine]
        let placeholders: String
        let published: Bool
        /// Decisions the protocol waits for, and those recorded.
        let decisions: DecisionsView
        let version = Konkurs.version

        struct ProtocolLine {
            let id: Int64
            let version: Int
            let stage: String
            let kind: String
            let status: String
            let signed: String
            let unsigned: [ApplicationForm.Option]
            let open: Bool
        }

        struct PublicationLine {
            let version: Int
            let state: String
            let note: String?
        }

        struct AppealLine {
            let id: Int64
            let applicationID: Int64
            let text: String
            let status: String
            let open: Bool
        }

        struct TemplateLine {
            let award: String
            let title: String
            let text: String
        }
    }

    static let awardTitles = [
        "winner": "Победитель", "second": "Призёр (2 место)", "third": "Призёр (3 место)", "laureate": "Лауреат", "special": "Специальный приз",
        "participant": "Участник (сертификат)",
    ]

    /// The department's results page: protocols, signatures, appeals, approval, publication.
    @Sendable func resultsPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = request.uri.queryParameters.get("contest").flatMap { Int64($0) }
        return try await page(context, contestID: contest, notice: request.uri.queryParameters.get("done") != nil ? "Сохранено." : nil)
            .plainResponse()
    }

    /// Draws up the next protocol version.
    @Sendable func drawProtocol(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) { _ = try await services.protocols.draw(context.origin, contestID: contest, note: form["note"]) }
    }

    /// Records a signature given on paper.
    @Sendable func recordPaperSignature(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (contest, id) = (try context.parameters.id("contest"), try context.parameters.id("id"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            _ = try await services.protocols.signOnPaper(context.origin, protocolID: id, login: form["login"])
        }
    }

    /// Records the approving order.
    @Sendable func recordApproval(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            _ = try await services.publications.approve(context.origin, contestID: contest, order: form["order"], date: form["date"])
        }
    }

    /// Asks to publish (another person confirms).
    @Sendable func requestPublication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            _ = try await services.publications.request(context.origin, contestID: contest, note: form["note"])
        }
    }

    /// Confirms a publication someone else asked for.
    @Sendable func confirmPublication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        try requireCSRF(try await FormFields(request), context)
        return try await act(context, contest) { _ = try await services.publications.confirm(context.origin, contestID: contest) }
    }

    /// The appeal commission's decision.
    @Sendable func decideAppeal(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (contest, id) = (try context.parameters.id("contest"), try context.parameters.id("id"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            let corrections = try Self.corrections(form["corrections"])
            _ = try await services.appeals.decide(
                context.origin, appealID: id, changed: form["outcome"] == "changed", decision: form["decision"], corrections: corrections)
        }
    }

    /// Saves the diploma text of an award.
    @Sendable func saveDiplomaTemplate(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (contest, award) = (try context.parameters.id("contest"), try context.parameters.require("award"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            try await services.diplomas.setTemplate(context.origin, contestID: contest, award: award, text: form["text"])
        }
    }

    /// Corrections typed one per line: `juror; trial; criterion; new mark`.
    static func corrections(_ text: String) throws -> [AppealService.Correction] {
        try text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }.enumerated().map { index, line in
            let parts = line.split(separator: ";").map { String($0).trimmingSpaces }
            guard parts.count == 4 else {
                throw InvalidInput([
                    .init(field: "corrections", message: "Строка \(index + 1): нужно «логин члена жюри; испытание; критерий; новый балл»")
                ])
            }
            return AppealService.Correction(juror: parts[0], trial: parts[1], criterion: parts[2], mark: parts[3])
        }
    }

    func act(_ context: AppRequestContext, _ contest: Int64, _ action: () async throws -> Void) async throws -> Response {
        try await pageAction(
            redirect: "/admin/results?contest=\(contest)&done=1", render: { try await page(context, contestID: contest, errors: $0, status: $1) },
            action)
    }

    private func page(
        _ context: AppRequestContext, contestID requested: Int64?, notice: String? = nil, errors: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        _ = try context.origin.authorize(.viewResults, .registry)
        let contests = try await services.contests.list(context.origin).filter { $0.phase.hasScores || $0.phase == .stageActive }
        let contestID = requested ?? contests.first { $0.phase.hasScores }?.id ?? contests.first?.id
        let contest = contests.first { $0.id == contestID }
        let decisions = try await decisionsView(context, contest: contest)
        var protocols: [Page.ProtocolLine] = []
        var publications: [Publication] = []
        var appeals: [Appeal] = []
        var templates: [String: String] = [:]
        var approval: (order: String, date: String)?
        let logins = try await juryLogins(context, contestID: contestID)
        if let contestID {
            protocols = try await services.protocols.list(context.origin, contestID: contestID).map { overview in
                let stored = overview.stored
                let signedNames = Set(overview.signatures.map(\.fullName))
                return Page.ProtocolLine(
                    id: stored.id, version: stored.version, stage: stored.stage, kind: stored.final ? "итоговый" : "этапа",
                    status: stored.status.title,
                    signed: "\(overview.signatures.count) из \(stored.signaturesRequired)"
                        + (overview.signatures.isEmpty
                            ? "" : ": " + overview.signatures.map { $0.fullName + ($0.onPaper ? " (на бумаге)" : "") }.joined(separator: ", ")),
                    unsigned: overview.jury.filter { !signedNames.contains($0.name) }.compactMap { signer in
                        logins[signer.name].map { .init(code: $0, title: signer.name, selected: false) }
                    },
                    open: stored.status == .draft)
            }
            publications = try await services.publications.publications(context.origin, contestID: contestID)
            appeals = try await services.appeals.list(context.origin, contestID: contestID)
            templates = try await services.diplomas.templates(context.origin, contestID: contestID)
            approval = try await services.publications.approval(context.origin, contestID: contestID)
        }
        let page = Page(
            session: PageSession(context), notice: notice, errors: errors,
            contests: contests.map { .init(code: "\($0.id)", title: "\($0.title), \($0.edition) — \($0.phase.title)", selected: $0.id == contestID) },
            contestID: contestID, phase: contest?.phase.title ?? "",
            protocols: protocols,
            approval: approval.map { "приказ № \($0.order) от \($0.date)" },
            publications: publications.map {
                .init(
                    version: $0.version,
                    state: $0.confirmedAt == nil
                        ? "ожидает подтверждения (запросил(а) \($0.requestedBy))" : "опубликована: \($0.requestedBy) и \($0.confirmedBy ?? "")",
                    note: $0.note)
            },
            pending: publications.contains { $0.confirmedAt == nil },
            appeals: appeals.map {
                .init(
                    id: $0.id, applicationID: $0.applicationID, text: $0.text, status: $0.status.title + ($0.decision.map { ": \($0)" } ?? ""),
                    open: $0.status == .filed)
            },
            templates: DiplomaService.awardKeys.map { .init(award: $0, title: Self.awardTitles[$0] ?? $0, text: templates[$0] ?? "") },
            placeholders: DiplomaTemplate.placeholders.map { "{{\($0.name)}} — \($0.title)" }.joined(separator: "; "),
            published: publications.contains { $0.confirmedAt != nil }, decisions: decisions)

        return try pages.render("admin-results", page, status: status)
    }

    /// Jury members' logins by name, for the paper-signature form.
    private func juryLogins(_ context: AppRequestContext, contestID: Int64?) async throws -> [String: String] {
        guard contestID != nil, AccessPolicy.decide(context.actor, .viewScoring, .registry) == .allow else { return [:] }
        let members = try await services.jury.panels(context.origin, contestID: contestID).flatMap(\.members).filter(\.active)
        return Dictionary(members.map { ($0.fullName, $0.login) }, uniquingKeysWith: { first, _ in first })
    }
}
