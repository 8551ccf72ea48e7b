import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The secretary's jury pages: panels and their members, assignment, the progress board with
/// disagreements, marks typed in from paper, and printable blank sheets.
struct JuryAdminPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/jury", use: juryPage)
        routes.on("/admin/jury/{contest}/panels", method: .post, use: createPanel)
        routes.on("/admin/jury/{contest}/panels/{panel}/members", method: .post, use: setPanelMember)
        routes.on("/admin/jury/{contest}/assign", method: .post, use: assignJury)
        routes.on("/admin/jury/{contest}/assignments", method: .post, use: setAssignment)
        routes.on("/admin/jury/{contest}/paper", method: .post, requires: .to(.manageJury), use: importPaperScores)
        routes.get("/admin/jury/{contest}/print", use: printBlankSheets)
    }

    struct Page {
        let title = "Жюри и ход оценивания"
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contests: [ApplicationForm.Option]
        let contestID: Int64?
        let stage: String
        let phase: String
        let canManage: Bool
        let panels: [PanelView]
        let jurors: [JurorLine]
        let applications: [ApplicationLine]
        let complete: Bool
        /// The page of the attempts' own values, when the stage's trials declare any.
        let attemptsHref: String?
        let version = Konkurs.version

        struct PanelView {
            let id: Int64
            let title: String
            let order: String
            let members: [String]
        }

        struct JurorLine {
            let fullName: String
            let progress: String
            let done: Bool
        }

        struct ApplicationLine {
            let id: Int64
            let contestant: String
            let jurors: String
            let missing: Int
            let disagreement: String?
            /// Where the regulation adds a juror for a disagreement: whom, for the secretary to confirm.
            let proposal: String?
            let candidates: [ApplicationForm.Option]
        }
    }

    struct PrintPage {
        let title: String
        let contest: String
        let stage: String
        let sheets: [Sheet]
        let version = Konkurs.version
        let session: PageSession? = nil

        struct Sheet {
            let juror: String
            let application: String
            let trial: String
            /// The penalty column's title, where the trial declares one.
            let penalty: String?
            let criteria: [Line]

        }

        struct Line {
            let title: String
            let scale: String
        }
    }

    /// The secretary's jury page: panels, assignments, progress.
    @Sendable func juryPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = request.uri.queryParameters.get("contest").flatMap { Int64($0) }
        let notice = request.uri.queryParameters.get("done").map { String($0) == "imported" ? "Оценки с бумажных листов внесены." : "Сохранено." }
        return try await page(context, contestID: contest, notice: notice).plainResponse()
    }

    /// Forms a panel approved by an order.
    @Sendable func createPanel(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            _ = try await services.jury.createPanel(
                context.origin, contestID: contest, title: form["title"], stage: form["stage"].isEmpty ? nil : form["stage"],
                nomination: form["nomination"].isEmpty ? nil : form["nomination"], orderNumber: form["order_number"],
                orderDate: form["order_date"])
        }
    }

    /// Adds a person to a panel or changes their role.
    @Sendable func setPanelMember(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (contest, panel) = (try context.parameters.id("contest"), try context.parameters.id("panel"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            let role = Panel.Member.Role(rawValue: form["role"]) ?? .member
            _ = try await services.jury.setMember(context.origin, panelID: panel, login: form["login"], role: role, organisationID: nil)
        }
    }

    /// Assigns the current stage automatically.
    @Sendable func assignJury(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        try requireCSRF(try await FormFields(request), context)
        return try await act(context, contest) { _ = try await services.jury.assign(context.origin, contestID: contest) }
    }

    /// Assigns one application to one juror by hand.
    @Sendable func setAssignment(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            guard let application = Int64(form["application"]), let user = Int64(form["user"]) else {
                throw InvalidInput([.init(field: "user", message: "Выберите члена жюри")])
            }
            try await services.jury.setAssignment(context.origin, contestID: contest, applicationID: application, userID: user, assigned: true)
        }
    }

    /// Marks from paper sheets.
    @Sendable func importPaperScores(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let again: ([String], HTTPResponse.Status) async throws -> HTML = { try await page(context, contestID: contest, errors: $0, status: $1) }
        return try await pageAction(redirect: "/admin/jury?contest=\(contest)&done=imported", render: again) {
            let received = try await UploadReader.form(request, maximumSize: 4 * 1024 * 1024, formats: [.csv])
            try requireCSRF(FormFields(values: received.fields), context)
            _ = try await services.scores.importPaper(
                context.origin, contestID: contest, file: InputFile(name: received.fileName, bytes: Array(received.content.readableBytesView)))
        }
    }

    /// Blank sheets to print.
    @Sendable func printBlankSheets(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await printable(context, contestID: try context.parameters.id("contest"))
    }

    private func act(_ context: AppRequestContext, _ contest: Int64, _ action: () async throws -> Void) async throws -> Response {
        try await pageAction(
            redirect: "/admin/jury?contest=\(contest)&done=saved", render: { try await page(context, contestID: contest, errors: $0, status: $1) },
            action)
    }

    private func page(
        _ context: AppRequestContext, contestID requested: Int64?, notice: String? = nil, errors: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        _ = try context.origin.authorize(.viewScoring, .registry)
        let contests = try await services.contests.list(context.origin).filter { $0.phase != .draft }
        let contestID = requested ?? contests.first { [.stageActive, .admissionReview, .stageScored].contains($0.phase) }?.id
        var panels: [Page.PanelView] = []
        var board: ScoreService.Board?
        if let contestID {
            panels = try await services.jury.panels(context.origin, contestID: contestID).map { panel in
                Page.PanelView(
                    id: panel.id, title: panel.title, order: "приказ \(panel.orderNumber)\(panel.orderDate.map { " от \($0)" } ?? "")",
                    members: panel.members.filter(\.active).map { "\($0.fullName) (\($0.login)) — \($0.role.title)" })
            }
            board = try await services.scores.board(context.origin, contestID: contestID)
        }
        let scorers = try await services.jury.panels(context.origin, contestID: contestID).flatMap(\.members).filter { $0.active && $0.role.scores }
        let page = Page(
            session: PageSession(context), notice: notice, errors: errors,
            contests: contests.map { .init(code: "\($0.id)", title: "\($0.title), \($0.edition) — \($0.phase.title)", selected: $0.id == contestID) },
            contestID: contestID, stage: board?.stage?.title ?? "", phase: board?.contest.phase.title ?? "",
            canManage: AccessPolicy.decide(context.actor, .manageJury, .registry) == .allow, panels: panels,
            jurors: (board?.jurors ?? []).map {
                .init(fullName: $0.fullName, progress: "\($0.submitted) из \($0.owed)", done: $0.submitted == $0.owed)
            },
            applications: (board?.applications ?? []).map { line in
                Page.ApplicationLine(
                    id: line.application.id,
                    contestant: line.application.entryTitle,
                    jurors: line.jurors.joined(separator: ", "), missing: line.missing,
                    disagreement: line.disagreements.isEmpty
                        ? nil
                        : line.disagreements.sorted { $0.key < $1.key }.map { trial, spread in
                            "«\(board?.stage?.trials.first { $0.id == trial }?.title ?? trial)»: разброс \(DecimalText.exact(spread) ?? "")"
                        }.joined(separator: "; "),
                    proposal: line.proposedJuror.flatMap { id in scorers.first { $0.userID == id } }.map {
                        "По положению при таком расхождении заявку оценивает ещё один член жюри: предложен(а) \($0.fullName). Подтвердите назначение."
                    },
                    candidates: scorers.filter { !line.jurors.contains($0.fullName) }.map {
                        .init(code: "\($0.userID)", title: $0.fullName, selected: $0.userID == line.proposedJuror)
                    })

            },
            complete: board?.complete ?? false,
            attemptsHref: board?.stage?.trials.contains { !$0.attemptComponents.isEmpty } == true ? "/scoring/\(contestID ?? 0)/attempts" : nil)

        return try pages.render("admin-jury", page, status: status)
    }

    /// Blank sheets for a paper round: one per juror × application × trial, for A4.
    private func printable(_ context: AppRequestContext, contestID: Int64) async throws -> HTML {
        _ = try context.origin.authorize(.manageJury, .registry)
        let board = try await services.scores.board(context.origin, contestID: contestID)
        guard let stage = board.stage else { throw ServiceError.conflict("этап ещё не начат") }
        var sheets: [PrintPage.Sheet] = []
        for line in board.applications {
            let contestant = line.application.entryTitle
            for juror in line.jurors {
                for trial in stage.trials {
                    for attempt in 1...trial.attempts {
                        sheets.append(
                            PrintPage.Sheet(
                                juror: juror, application: "№\(line.application.id) \(contestant)",
                                trial: trial.attempts == 1 ? trial.title : "\(trial.title), попытка \(attempt) из \(trial.attempts)",
                                penalty: trial.penalty?.title,
                                criteria: trial.criteria.map { .init(title: $0.title, scale: SheetRules.scale($0)) }))
                    }
                }
            }
        }
        return try pages.render(
            "print-sheets",
            PrintPage(title: "Оценочные листы", contest: "\(board.contest.title), \(board.contest.edition)", stage: stage.title, sheets: sheets))
    }
}
