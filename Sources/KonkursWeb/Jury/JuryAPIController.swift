import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/panels…`, `/api/v1/jury/…`, `/api/v1/sheets/…`: the jury, its assignments and score sheets.
struct JuryAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/contests/{id}/board", use: scoringBoard)
        routes.get("/api/v1/panels", requires: .to(.viewScoring), use: listPanels)
        routes.on("/api/v1/panels", method: .post, requires: .to(.manageJury), use: createPanel)
        routes.on("/api/v1/panels/{id}/members", method: .put, requires: .to(.manageJury), use: setPanelMember)
        routes.on("/api/v1/panels/{id}/members/{user}", method: .delete, use: removePanelMember)
        routes.on("/api/v1/contests/{id}/assignments", method: .post, use: assignJury)
        routes.on("/api/v1/contests/{id}/assignments", method: .put, requires: .to(.manageJury), use: setAssignment)
        routes.on("/api/v1/contests/{id}/scores", method: .post, requires: .to(.manageJury), use: importPaperScores)
        routes.get("/api/v1/jury/work", use: myJuryWork)
        routes.on("/api/v1/jury/contests/{id}/no-conflict", method: .post, use: confirmNoConflict)
        routes.on("/api/v1/jury/applications/{id}/conflict", method: .post, requires: .to(.enterScores), use: declareConflict)
        routes.get("/api/v1/sheets/{application}/{trial}", use: getSheet)
        routes.on("/api/v1/sheets/{application}/{trial}", method: .put, requires: .to(.enterScores), use: saveSheet)
        routes.on("/api/v1/sheets/{application}/{trial}/submit", method: .post, use: submitSheet)
        routes.on("/api/v1/score-sheets/{id}/reopen", method: .post, requires: .to(.reopenSheets, .panel(chairedByActor: true)), use: reopenSheet)
    }

    struct PanelBody: Decodable {
        let contest_id: Int64
        let title: String
        let stage: String?
        let nomination: String?
        let order_number: String
        let order_date: String?
    }

    struct MemberBody: Decodable {
        let login: String
        let role: String
        let organisation_id: Int64?
    }

    struct AssignmentBody: Decodable {
        let application_id: Int64
        let user_id: Int64
        let assigned: Bool
    }

    struct ReasonBody: Decodable {
        let reason: String
    }

    struct SheetBody: Decodable {
        let marks: [String: String]?
        let comments: [String: String]?
        /// The version the juror last saw (0 before the first save).
        let version: Int
    }

    struct PanelResponse: ResponseEncodable {
        struct Member: Encodable {
            let user_id: Int64
            let login: String
            let full_name: String
            let role: String
            let active: Bool
        }

        let id: Int64
        let contest_id: Int64
        let title: String
        let stage: String?
        let nomination: String?
        let order_number: String
        let order_date: String?
        let members: [Member]

        init(_ panel: Panel) {
            id = panel.id
            contest_id = panel.contestID
            title = panel.title
            stage = panel.stage
            nomination = panel.nomination
            order_number = panel.orderNumber
            order_date = panel.orderDate
            members = panel.members.map {
                Member(user_id: $0.userID, login: $0.login, full_name: $0.fullName, role: $0.role.rawValue, active: $0.active)
            }
        }
    }

    struct SheetResponse: ResponseEncodable {
        let id: Int64?
        let application_id: Int64
        let trial: String
        let status: String
        let version: Int
        let marks: [String: String]
        let comments: [String: String]

        init(applicationID: Int64, trial: String, sheet: ScoreSheet?) {
            id = sheet?.id
            application_id = applicationID
            self.trial = trial
            status = sheet?.status.rawValue ?? ScoreSheet.Status.draft.rawValue
            version = sheet?.version ?? 0
            marks = (sheet?.marks ?? [:]).compactMapValues { DecimalText.exact($0) }
            comments = sheet?.comments ?? [:]
        }
    }

    /// 409 for an edit based on an old version: the message and the sheet as it is now.
    struct StaleResponse: ResponseGenerator {
        struct Body: Encodable {
            struct Message: Encodable { let message: String }
            let error: Message
            let sheet: SheetResponse
        }

        let stale: ScoreService.StaleSheet

        func response(from request: Request, context: some RequestContext) throws -> Response {
            let sheet = SheetResponse(applicationID: stale.current.applicationID, trial: stale.current.trial, sheet: stale.current)
            let body = try JSONEncoder().encode(Body(error: .init(message: stale.message), sheet: sheet))
            return Response(
                status: .conflict, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    struct WorkResponse: ResponseEncodable {
        let contest_id: Int64
        let stage: String
        let application_id: Int64
        let contestant: String
        let confirmed_no_conflict: Bool
        let trials: [TrialState]

        struct TrialState: Encodable {
            let trial: String
            let title: String
            let status: String
            let version: Int
        }
    }

    struct PlanResponse: ResponseEncodable {
        struct Pair: Encodable {
            let application_id: Int64
            let user_id: Int64
        }

        let added: [Pair]
        let shortages: [String: Int]
    }

    struct BoardResponse: ResponseEncodable {
        struct Juror: Encodable {
            let user_id: Int64
            let full_name: String
            let owed: Int
            let submitted: Int
        }

        struct Entry: Encodable {
            let application_id: Int64
            let jurors: [String]
            let missing: Int
            let disagreements: [String: String]
        }

        let contest_id: Int64
        let stage: String?
        let complete: Bool
        let jurors: [Juror]
        let applications: [Entry]

        init(_ board: ScoreService.Board) {
            contest_id = board.contest.id
            stage = board.stage?.id
            complete = board.complete
            jurors = board.jurors.map { Juror(user_id: $0.userID, full_name: $0.fullName, owed: $0.owed, submitted: $0.submitted) }
            applications = board.applications.map {
                Entry(
                    application_id: $0.application.id, jurors: $0.jurors, missing: $0.missing,
                    disagreements: $0.disagreements.compactMapValues { DecimalText.exact($0) })
            }
        }
    }

    /// Progress of the stage being scored; disagreements over the regulation's threshold.
    @Sendable func scoringBoard(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        BoardResponse(try await services.scores.board(context.origin, contestID: try context.parameters.id("id")))
    }

    /// Jury panels with their members.
    @Sendable func listPanels(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try request.uri.queryParameters.get("contest_id").map { raw in
            guard let value = Int64(raw) else { throw InvalidInput([.init(field: "contest_id", message: "ожидается целое число")]) }
            return value
        }
        return try await services.jury.panels(context.origin, contestID: contest).map(PanelResponse.init)
    }

    /// A jury panel of an edition (optionally of one stage or nomination), with the order that approved it.
    @Sendable func createPanel(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(PanelBody.self, context: context)
        let panel = try await services.jury.createPanel(
            context.origin, contestID: body.contest_id, title: body.title, stage: body.stage, nomination: body.nomination,
            orderNumber: body.order_number,
            orderDate: body.order_date)
        return EditedResponse(status: .created, response: PanelResponse(panel))
    }

    /// Add a person to the panel or change their role (member, chair, secretary).
    @Sendable func setPanelMember(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(MemberBody.self, context: context)
        guard let role = Panel.Member.Role(rawValue: body.role) else {
            throw InvalidInput([.init(field: "role", message: "Роль в жюри: member, chair или secretary")])
        }
        return PanelResponse(
            try await services.jury.setMember(context.origin, panelID: id, login: body.login, role: role, organisationID: body.organisation_id))
    }

    /// Take a person off the panel (mid-stage too); their owed sheets are no longer owed.
    @Sendable func removePanelMember(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.jury.removeMember(
            context.origin, panelID: try context.parameters.id("id"), userID: try context.parameters.id("user"))
        return HTTPResponse.Status.noContent
    }

    /// Assign the current stage's admitted applications to jurors (conflicts recorded and respected, load balanced).
    @Sendable func assignJury(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let plan = try await services.jury.assign(context.origin, contestID: try context.parameters.id("id"))
        return PlanResponse(
            added: plan.added.map { .init(application_id: $0.application, user_id: $0.juror) },
            shortages: Dictionary(uniqueKeysWithValues: plan.shortages.map { ("\($0.key)", $0.value) }))
    }

    /// Add or remove one assignment by hand (e.g. an additional juror where marks disagree).
    @Sendable func setAssignment(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(AssignmentBody.self, context: context)
        try await services.jury.setAssignment(
            context.origin, contestID: id, applicationID: body.application_id, userID: body.user_id, assigned: body.assigned)
        return HTTPResponse.Status.noContent
    }

    /// Marks typed in from paper sheets (CSV entry,juror,trial,criterion,score); the whole file is checked before anything is written.
    @Sendable func importPaperScores(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let csv = try await request.collectBody(within: context.maxUploadSize)
        let count = try await services.scores.importPaper(
            context.origin, contestID: id, file: InputFile(name: "scores.csv", bytes: Array(csv.readableBytesView)))
        return ["sheets": count]
    }

    /// The signed-in juror's assignments in the stages being scored.
    @Sendable func myJuryWork(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.scores.work(context.origin).map { item in
            WorkResponse(
                contest_id: item.contest.id, stage: item.stage.id, application_id: item.application.id,
                contestant: item.application.entryTitle,
                confirmed_no_conflict: item.confirmed,
                trials: item.stage.trials.map {
                    .init(
                        trial: $0.id, title: $0.title, status: item.sheets[$0.id]?.status.rawValue ?? "empty",
                        version: item.sheets[$0.id]?.version ?? 0)
                })
        }
    }

    /// The juror confirms having no conflict of interest in the current stage (needed before the first mark).
    @Sendable func confirmNoConflict(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.jury.confirmNoConflict(context.origin, contestID: try context.parameters.id("id"))
        return HTTPResponse.Status.noContent
    }

    /// The juror declares a conflict with an assigned application, with the reason.
    @Sendable func declareConflict(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(ReasonBody.self, context: context)
        try await services.jury.declareConflict(context.origin, applicationID: id, reason: body.reason)
        return HTTPResponse.Status.noContent
    }

    /// The juror's own sheet for an assigned application's trial (version 0 before the first mark).
    @Sendable func getSheet(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let application = try context.parameters.id("application")
        let trial = try context.parameters.require("trial")
        let (_, sheet) = try await services.scores.sheet(context.origin, applicationID: application, trial: trial)
        return SheetResponse(applicationID: application, trial: trial, sheet: sheet)
    }

    /// Save marks and comments (an empty mark clears it) onto the version the juror saw; an edit based on an older version is refused with 409 and the current sheet.
    @Sendable func saveSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let application = try context.parameters.id("application")
        let trial = try context.parameters.require("trial")
        let body = try await request.decodeJSON(SheetBody.self, context: context)
        do {
            let saved = try await services.scores.save(
                context.origin, applicationID: application, trial: trial, marks: body.marks ?? [:], comments: body.comments ?? [:],
                expectedVersion: body.version)
            return try SheetResponse(applicationID: application, trial: trial, sheet: saved).response(from: request, context: context)
        } catch let stale as ScoreService.StaleSheet {
            return try StaleResponse(stale: stale).response(from: request, context: context)
        }
    }

    /// Lock the sheet (every criterion marked). With an Idempotency-Key a retry returns the first result.
    @Sendable func submitSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let application = try context.parameters.id("application")
        let trial = try context.parameters.require("trial")
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].map { String($0.prefix(200)) }
        let submitted = try await services.scores.submit(context.origin, applicationID: application, trial: trial, idempotencyKey: key)
        return SheetResponse(applicationID: application, trial: trial, sheet: submitted)
    }

    /// The panel's chair reopens a submitted sheet for its juror, with a reason.
    @Sendable func reopenSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(ReasonBody.self, context: context)
        let sheet = try await services.scores.reopen(context.origin, sheetID: id, reason: body.reason)
        return SheetResponse(applicationID: sheet.applicationID, trial: sheet.trial, sheet: sheet)
    }
}
