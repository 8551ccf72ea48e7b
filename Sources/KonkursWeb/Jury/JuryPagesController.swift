import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The juror's pages, made for a phone: the list of assigned applications, the conflict
/// confirmations, and a score sheet that saves every mark as it is typed (and works without script).
struct JuryPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/jury", use: juryWork)
        routes.on("/jury/contests/{id}/no-conflict", method: .post, use: confirmNoConflict)
        routes.on("/jury/applications/{id}/conflict", method: .post, use: declareConflict)
        routes.on("/jury/score-sheets/{id}/reopen", method: .post, use: reopenSheet)
        routes.get("/jury/documents/{id}", use: juryDocument)
        routes.get("/jury/sheets/{application}/{trial}", use: sheetPage)
        routes.on("/jury/sheets/{application}/{trial}", method: .post, use: saveSheet)
        routes.on("/jury/sheets/{application}/{trial}/submit", method: .post, use: submitSheet)
    }

    static let notices: [String: String] = [
        "saved": "Сохранено.",
        "submitted": "Лист сдан. Изменить его может только председатель жюри.",
        "confirmed": "Отсутствие конфликта интересов подтверждено.",
        "declared": "Конфликт интересов записан; заявка снята с вашего оценивания.",
        "reopened": "Лист открыт заново; член жюри увидит его как черновик.",
        "signed": "Протокол подписан.",
    ]

    struct WorkPage {
        let title = "Оценивание"
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contests: [Contest]
        let chaired: [ChairedSheet]
        let protocols: [ProtocolToSign]
        let version = Konkurs.version

        struct ProtocolToSign {
            let id: Int64
            let title: String
            let signatures: String
            let signedByMe: Bool
        }

        struct Contest {
            let id: Int64
            let title: String
            let stage: String
            let confirmed: Bool
            let items: [Item]
            /// The chair's page of the attempts' values, when the stage's trials leave some to the chair.
            let attemptsHref: String?
        }

        struct Item {
            let applicationID: Int64
            let contestant: String
            let nomination: String
            let trials: [TrialLink]
        }

        struct TrialLink {
            let href: String
            let title: String
            let status: String
            let done: Bool
        }

        struct ChairedSheet {
            let id: Int64
            let juror: String
            let applicationID: Int64
            let trial: String
        }
    }

    struct SheetPage {
        let title: String
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let applicationID: Int64
        let trialID: String
        let contestant: String
        let position: String
        /// The own fields the regulation shows the jury (the practice's title, the topic).
        let fields: [FieldLine]
        let documents: [Document]

        struct FieldLine {
            let title: String
            let value: String
        }

        let criteria: [Field]
        let sheetVersion: Int
        let submitted: Bool
        let statusText: String
        /// Other jurors' submitted marks, where the regulation shows them during the stage.
        let others: [String]
        let version = Konkurs.version

        struct Document {
            let id: Int64
            let fileName: String
        }

        struct Field {
            /// The sheet's key (`SheetField.key`): `criterion`, `criterion@2`.
            let id: String
            /// The attempt's heading, on the first criterion of each attempt of a trial with several.
            let heading: String?
            let title: String
            /// The penalty on this mark, where the trial declares one.
            let penalty: Penalty?
            let scale: String
            let minimum: String
            let maximum: String
            let mark: String
            let comment: String
            let levels: String
        }

        struct Penalty {
            let id: String
            let title: String
            let value: String
        }
    }

    /// A juror's work: assignments, sheets, protocols to sign.
    @Sendable func juryWork(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await work(context, notice: request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] }).plainResponse()
    }

    /// A juror confirms having no conflict of interest.
    @Sendable func confirmNoConflict(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        try requireCSRF(try await FormFields(request), context)
        try await services.jury.confirmNoConflict(context.origin, contestID: id)
        return Response.redirect(to: "/jury?done=confirmed", type: .normal)
    }

    /// A juror declares a conflict with an application.
    @Sendable func declareConflict(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            try await services.jury.declareConflict(context.origin, applicationID: id, reason: form["reason"])
            return Response.redirect(to: "/jury?done=declared", type: .normal)
        } catch let error as InvalidInput {
            return try await work(context, errors: error.problems.map(\.message), status: .unprocessableContent).plainResponse()
        }
    }

    /// The chair reopens a submitted sheet, with a reason.
    @Sendable func reopenSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            _ = try await services.scores.reopen(context.origin, sheetID: id, reason: form["reason"])
            return Response.redirect(to: "/jury?done=reopened", type: .normal)
        } catch let error as InvalidInput {
            return try await work(context, errors: error.problems.map(\.message), status: .unprocessableContent).plainResponse()
        } catch ServiceError.conflict(let message) {
            return try await work(context, errors: [message.capitalizedFirst + "."], status: .conflict).plainResponse()
        }
    }

    /// A document of an application assigned to the juror.
    @Sendable func juryDocument(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (document, content) = try await services.applications.download(context.origin, documentID: try context.parameters.id("id"))
        return Download(fileName: document.fileName, contentType: document.format.contentType, body: content)
    }

    /// A juror's sheet for one application and trial.
    @Sendable func sheetPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (application, trial) = (try context.parameters.id("application"), try context.parameters.require("trial"))
        let notice = request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] }
        return try await sheet(context, application: application, trial: trial, notice: notice).plainResponse()
    }

    /// Saves the marks typed on the sheet.
    @Sendable func saveSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (application, trial) = (try context.parameters.id("application"), try context.parameters.require("trial"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        let (declared, _) = try await services.scores.sheet(context.origin, applicationID: application, trial: trial)
        let fields = SheetField.fields(of: declared)
        let marks = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, form["mark_\($0.key)"]) })
        let comments = Dictionary(uniqueKeysWithValues: fields.filter { !$0.isPenalty }.map { ($0.key, form["comment_\($0.key)"]) })
        do {
            _ = try await services.scores.save(
                context.origin, applicationID: application, trial: trial, marks: marks, comments: comments,
                expectedVersion: Int(form["version"]) ?? 0)
            return Response.redirect(to: "/jury/sheets/\(application)/\(trial)?done=saved", type: .normal)
        } catch let error as InvalidInput {
            return try await sheet(
                context, application: application, trial: trial, errors: error.problems.map(\.message), typed: (marks, comments),
                status: .unprocessableContent
            ).plainResponse()
        } catch let stale as ScoreService.StaleSheet {
            return try await sheet(
                context, application: application, trial: trial, errors: [stale.message.capitalizedFirst + "."], status: .conflict
            )
            .plainResponse()
        } catch ServiceError.conflict(let message) {
            return try await sheet(context, application: application, trial: trial, errors: [message.capitalizedFirst + "."], status: .conflict)
                .plainResponse()
        }
    }

    /// Submits the sheet.
    @Sendable func submitSheet(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (application, trial) = (try context.parameters.id("application"), try context.parameters.require("trial"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            _ = try await services.scores.submit(context.origin, applicationID: application, trial: trial, idempotencyKey: form["submit_key"])
            return Response.redirect(to: "/jury/sheets/\(application)/\(trial)?done=submitted", type: .normal)
        } catch let error as InvalidInput {
            return try await sheet(
                context, application: application, trial: trial, errors: error.problems.map(\.message), status: .unprocessableContent
            )
            .plainResponse()
        } catch ServiceError.conflict(let message) {
            return try await sheet(context, application: application, trial: trial, errors: [message.capitalizedFirst + "."], status: .conflict)
                .plainResponse()
        }
    }

    /// Whether the stage leaves attempt values to the chair and the actor chairs.
    static func chairsAttempts(_ stage: Stage, actor: Actor?) -> Bool {
        guard actor?.roles.contains(.chair) == true else { return false }
        return stage.trials.contains { trial in trial.attemptComponents.contains { $0.enteredBy == .chair } }
    }

    private func work(
        _ context: AppRequestContext,
        notice: String? = nil, errors: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws
        -> HTML
    {
        let items = try await services.scores.work(context.origin)
        let contests = Dictionary(grouping: items, by: \.contest.id).sorted { $0.key < $1.key }.map { id, group in
            WorkPage.Contest(
                id: id, title: "\(group[0].contest.title), \(group[0].contest.edition)", stage: group[0].stage.title, confirmed: group[0].confirmed,
                items: group.map { item in
                    let regulation = try? RegulationParser.parse(item.contest.regulationText, file: "regulation.yaml")
                    return WorkPage.Item(
                        applicationID: item.application.id,
                        contestant: item.application.entryTitle,
                        nomination: regulation?.nomination(item.application.nomination)?.title ?? item.application.nomination,
                        trials: item.stage.trials.map { trial in
                            let sheet = item.sheets[trial.id]
                            return WorkPage.TrialLink(
                                href: "/jury/sheets/\(item.application.id)/\(trial.id)", title: trial.title,
                                status: sheet?.status.title ?? "не начат",
                                done: sheet?.status == .submitted)
                        })
                },
                attemptsHref: Self.chairsAttempts(group[0].stage, actor: context.actor) ? "/scoring/\(id)/attempts" : nil)
        }
        let chaired = try await services.scores.chairedSheets(context.origin).map {
            WorkPage.ChairedSheet(id: $0.sheet.id, juror: $0.juror, applicationID: $0.sheet.applicationID, trial: $0.sheet.trial)
        }
        let protocols = try await services.protocols.toSign(context.origin).map { contest, overview in
            WorkPage.ProtocolToSign(
                id: overview.stored.id, title: "\(contest.title), \(contest.edition): протокол № \(overview.stored.version)",
                signatures: "подписей \(overview.signatures.count) из \(overview.stored.signaturesRequired)",
                signedByMe: overview.signatures.contains { $0.userID == context.actor?.userID })
        }
        return try pages.render(
            "jury",
            WorkPage(session: PageSession(context), notice: notice, errors: errors, contests: contests, chaired: chaired, protocols: protocols),
            status: status)
    }

    private func sheet(
        _ context: AppRequestContext, application applicationID: Int64, trial trialID: String, notice: String? = nil, errors: [String] = [],
        typed: ([String: String], [String: String])? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let (trial, sheet) = try await services.scores.sheet(context.origin, applicationID: applicationID, trial: trialID)
        let assigned = try await services.scores.assignedApplication(context.origin, applicationID: applicationID)
        let (application, documents) = (assigned.application, assigned.documents)
        let others = try await services.scores.othersMarks(context.origin, applicationID: applicationID, trial: trialID).enumerated().map {
            index, marks in
            "Член жюри \(index + 1): "
                + trial.criteria.compactMap { criterion in
                    marks[criterion.id].flatMap { DecimalText.exact($0) }.map { "\(criterion.title) — \($0)" }
                }.joined(separator: "; ")
        }
        let page = SheetPage(
            title: "\(trial.title): заявка №\(applicationID)", session: PageSession(context), notice: notice, errors: errors,
            applicationID: applicationID,
            trialID: trialID, contestant: application.entryTitle,
            position: application.members.map { $0.position.isEmpty ? $0.fullName : "\($0.fullName): \($0.position)" }.joined(separator: "; "),
            fields: assigned.fields.map { SheetPage.FieldLine(title: $0.title, value: $0.value) },
            documents: documents.map { .init(id: $0.id, fileName: $0.fileName) },
            criteria: SheetField.fields(of: trial).filter { !$0.isPenalty }.map { field in
                let criterion = trial.criterion(field.criterion)!
                let penaltyKey = SheetField(criterion: field.criterion, attempt: field.attempt, isPenalty: true).key
                func value(_ key: String) -> String { typed?.0[key] ?? sheet?.marks[key].flatMap { DecimalText.exact($0) } ?? "" }
                return SheetPage.Field(
                    id: field.key,
                    heading: trial.attempts > 1 && criterion.id == trial.criteria[0].id ? "Попытка \(field.attempt) из \(trial.attempts)" : nil,
                    title: criterion.title, penalty: trial.penalty.map { .init(id: penaltyKey, title: $0.title, value: value(penaltyKey)) },
                    scale: SheetRules.scale(criterion), minimum: DecimalText.exact(criterion.minimum) ?? "",
                    maximum: DecimalText.exact(criterion.maximum) ?? "", mark: value(field.key),
                    comment: typed?.1[field.key] ?? sheet?.comments[field.key] ?? "",
                    levels: criterion.levels.map { "\(DecimalText.exact($0.mark) ?? "") — \($0.description)" }.joined(separator: "; "))
            },

            sheetVersion: sheet?.version ?? 0, submitted: sheet?.status == .submitted,
            statusText: sheet.map { $0.status == .submitted ? "Лист сдан" : "Черновик сохранён (версия \($0.version))" } ?? "Оценок ещё нет",
            others: others)
        return try pages.render("sheet", page, status: status)
    }
}
