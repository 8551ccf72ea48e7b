import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The page where the secretary (or the panel's chair) enters what the trials declare besides the
/// jurors' marks: a difficulty factor, a speed bonus, deductions — per application and attempt.
struct AttemptPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/scoring/{contest}/attempts", use: attemptsPage)
        routes.on("/scoring/{contest}/attempts", method: .post, use: saveAttempt)
    }

    struct Page {
        let title: String
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contestID: Int64
        let stage: String
        let lines: [Line]
        let version = Konkurs.version

        struct Line {
            let anchor: String
            let application: Int64
            let contestant: String
            let trialID: String
            let trial: String
            let attempt: Int
            let attemptTitle: String
            let values: [Value]
            let errors: [String]
        }

        struct Value {
            let column: String
            let title: String
            let range: String
            let value: String
        }
    }

    @Sendable func attemptsPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let notice = request.uri.queryParameters.get("done").map { _ in "Сохранено." }
        return try await page(context, contestID: try context.parameters.id("contest"), notice: notice).plainResponse()
    }

    @Sendable func saveAttempt(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        guard let application = Int64(form["application"]), let attempt = Int(form["attempt"]) else {
            throw InvalidInput([.init(field: "application", message: "Не указаны заявка и попытка")])
        }
        let trial = form["trial"]
        let columns = form["columns"].split(separator: " ").map(String.init)
        let values = Dictionary(uniqueKeysWithValues: columns.map { ($0, form["value_\($0)"]) })
        let anchor = "a\(application)-\(trial)-\(attempt)"
        do {
            _ = try await services.scores.enterAttemptValues(
                context.origin, applicationID: application, trial: trial, attempt: attempt, values: values)
            return Response.redirect(to: "/scoring/\(contest)/attempts?done=saved#\(anchor)", type: .normal)
        } catch let error as InvalidInput {
            return try await page(
                context, contestID: contest, failed: (anchor, values, error.problems.map(\.message)), status: .unprocessableContent
            ).plainResponse()
        } catch ServiceError.conflict(let message) {
            return try await page(context, contestID: contest, failed: (anchor, values, [message.capitalizedFirst + "."]), status: .conflict)
                .plainResponse()
        }
    }

    private func page(
        _ context: AppRequestContext, contestID: Int64, notice: String? = nil,
        failed: (anchor: String, typed: [String: String], errors: [String])? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let sheet = try await services.scores.attemptSheet(context.origin, contestID: contestID)
        let lines = sheet.lines.map { line in
            let anchor = "a\(line.application.id)-\(line.trial.id)-\(line.attempt)"
            let typed = failed?.anchor == anchor ? failed?.typed : nil
            return Page.Line(
                anchor: anchor, application: line.application.id, contestant: line.application.entryTitle, trialID: line.trial.id,
                trial: line.trial.title, attempt: line.attempt,
                attemptTitle: line.trial.attempts == 1 ? "" : "попытка \(line.attempt) из \(line.trial.attempts)",
                values: line.values.map { component, value in
                    Page.Value(
                        column: component.column, title: component.title, range: Self.range(component),
                        value: typed?[component.column] ?? value ?? "")
                }, errors: typed == nil ? [] : failed?.errors ?? [])
        }
        return try pages.render(
            "attempts",
            Page(
                title: "Баллы попыток: \(sheet.contest.title), \(sheet.contest.edition)", session: PageSession(context), notice: notice,
                errors: failed.map { _ in ["Не сохранено: исправьте значения, отмеченные ниже."] } ?? [], contestID: contestID,
                stage: sheet.stage.title, lines: lines),
            status: status)
    }

    /// "от 0 до 3", "не больше 2", "".
    static func range(_ component: TrialComponent) -> String {
        switch (component.minimum.flatMap(DecimalText.exact), component.maximum.flatMap(DecimalText.exact)) {
        case (let low?, let high?): "от \(low) до \(high)"
        case (let low?, nil): "не меньше \(low)"
        case (nil, let high?): "не больше \(high)"
        case (nil, nil): ""
        }
    }
}
