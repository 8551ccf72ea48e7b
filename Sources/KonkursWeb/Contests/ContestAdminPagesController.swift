import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The department's contest pages: upload a regulation and see what it declares before creating
/// the edition, set the application window of a draft, move an edition through its lifecycle.
struct ContestAdminPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/contests", use: contestsPage)
        routes.on("/admin/contests/preview", method: .post, requires: .to(.manageContests), use: previewRegulation)
        routes.on("/admin/contests", method: .post, use: createContest)
        routes.on("/admin/contests/{id}/schedule", method: .post, use: scheduleContest)
        routes.on("/admin/contests/{id}/transition", method: .post, use: moveContest)
        routes.on("/admin/contests/{id}/copy", method: .post, use: copyContest)
    }

    struct Page {
        let title = "Управление конкурсами"
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contests: [Row]
        let preview: Preview?
        let version = Konkurs.version

        struct Row {
            let id: Int64
            let title: String
            let phase: String
            let window: String
            /// The window may still change (while applications are open, only its end).
            let scheduleEditable: Bool
            let openingFixed: Bool
            let opens: String
            let closes: String
            let timeZone: String
            let next: [Option]
            let notHeld: [String]
        }

        struct Option {
            let code: String
            let title: String
        }
    }

    /// What a regulation declares, shown before the edition is created.
    struct Preview {
        let fileName: String
        /// The file travels back to the create form as base64, byte for byte (a textarea would
        /// turn its line ends into CRLF and change the hash).
        let encoded: String
        let digest: String
        let contest: String
        let edition: String
        let timeZone: String
        let nominations: [Line]
        let stages: [Line]

        struct Line {
            let title: String
            let details: String
        }

        init(fileName: String, text: String, regulation: Regulation) {
            self.fileName = fileName
            encoded = Data(text.utf8).base64EncodedString()
            digest = Secrets.sha256(Data(text.utf8))
            contest = regulation.contest
            edition = regulation.edition
            timeZone = regulation.timeZone
            nominations = regulation.nominations.map { nomination in
                var details = ["участие: \(nomination.entryKind.title)", "не менее \(nomination.minimumEntrants) участников"]
                if let quota = nomination.quotaPerOrganisation { details.append("квота \(quota) на организацию") }
                if let age = nomination.eligibility.maximumAge { details.append("возраст до \(age) лет") }
                if let years = nomination.eligibility.maximumExperienceYears { details.append("стаж не более \(years) лет") }
                if !nomination.documents.isEmpty {
                    details.append(
                        "документы: " + nomination.documents.map { $0.title + ($0.required ? "" : " (по желанию)") }.joined(separator: ", "))
                }
                if nomination.video != .none { details.append(nomination.video == .required ? "видео обязательно" : "видео по желанию") }
                if nomination.selfNomination { details.append("самовыдвижение допускается") }
                return Line(title: nomination.title, details: details.joined(separator: "; "))
            }
            stages = regulation.stages.map { stage in
                Line(
                    title: stage.title,
                    details: stage.trials.map { "\($0.title) (критериев: \($0.criteria.count), \($0.acrossJurors.method.title))" }
                        .joined(separator: "; "))
            }
        }
    }

    /// The department's contests: creating from a regulation, schedules, phases.
    @Sendable func contestsPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await page(context).plainResponse()
    }

    /// Checks an uploaded regulation and shows what it would create.
    @Sendable func previewRegulation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        do {
            let received = try await UploadReader.form(request, maximumSize: ContestService.regulationLimit * 4, formats: [.yaml])
            try requireCSRF(FormFields(values: received.fields), context)
            let text = String(decoding: received.content.readableBytesView, as: UTF8.self)
            let regulation = try RegulationParser.parse(text, file: received.fileName)
            return try await page(context, preview: Preview(fileName: received.fileName, text: text, regulation: regulation)).plainResponse()
        } catch let error as RegulationError {
            return try await page(context, errors: error.issues.map(\.description), status: .unprocessableContent).plainResponse()
        } catch let error as InvalidInput {
            return try await page(context, errors: error.problems.map(\.message), status: .unprocessableContent).plainResponse()
        } catch let error as FileTooLarge {
            return try await page(context, errors: [error.message.capitalizedFirst], status: .contentTooLarge).plainResponse()
        }
    }

    /// Creates a draft edition from the previewed regulation.
    @Sendable func createContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request, limit: 4 * 1024 * 1024)
        try requireCSRF(form, context)
        return try await act(context) {
            guard let bytes = Data(base64Encoded: form["regulation"]) else {
                throw InvalidInput([.init(field: "regulation", message: "Форма повреждена: загрузите файл положения ещё раз")])
            }
            let created = try await services.contests.create(
                context.origin, regulation: String(decoding: bytes, as: UTF8.self), fileName: form["file_name"])
            let warnings = (try? RegulationParser.parse(created.regulationText, file: "regulation.yaml")).map(PanelRules.warnings) ?? []
            return "Конкурс «\(created.title)», \(created.edition) создан как черновик. Задайте сроки приёма заявок и объявите его."
                + warnings.map { " Внимание: \($0)." }.joined()

        }
    }

    /// A new edition by the pattern of this one («Создать по образцу»): the same regulation, a new
    /// edition name, no dates.
    @Sendable func copyContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context) {
            let created = try await services.contests.createEdition(context.origin, from: id, edition: form["edition"])
            return
                "Конкурс «\(created.title)», \(created.edition) создан по образцу как черновик: задайте сроки приёма и проверьте даты в положении (например, дату отсчёта возраста и стажа)."
        }
    }

    /// Sets or extends the application window.

    @Sendable func scheduleContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context) {
            // While applications are open the opening field is shown disabled, so it is not sent: it stays.
            let edition = try await services.contests.schedule(context.origin, id: id, opens: form.all("opens").first, closes: form["closes"])
            return "Сроки приёма заявок сохранены: \(ContestPagesController.window(edition))."
        }
    }

    /// Moves an edition to another phase.
    @Sendable func moveContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context) {
            guard let target = ContestPhase(rawValue: form["to"]) else {
                throw InvalidInput([.init(field: "to", message: "Неизвестное состояние")])
            }
            let edition = try await services.contests.transition(context.origin, id: id, to: target)
            return "«\(edition.title)»: \(edition.phase.title)."
        }
    }

    private func act(_ context: AppRequestContext, _ action: () async throws -> String) async throws -> Response {
        do {
            return try await page(context, notice: try await action()).plainResponse()
        } catch let error as InvalidInput {
            return try await page(context, errors: error.problems.map(\.message), status: .unprocessableContent).plainResponse()
        } catch let error as RegulationError {
            return try await page(context, errors: error.issues.map(\.description), status: .unprocessableContent).plainResponse()
        } catch let error as ContestPhase.RefusedTransition {
            return try await page(context, errors: [error.message.capitalizedFirst], status: .conflict).plainResponse()
        } catch ServiceError.conflict(let message) {
            return try await page(context, errors: [message.capitalizedFirst + "."], status: .conflict).plainResponse()
        }
    }

    private func page(
        _ context: AppRequestContext, notice: String? = nil, errors: [String] = [], preview: Preview? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        _ = try context.origin.authorize(.manageContests, .registry)
        let rows = try await services.contests.list(context.origin).map { edition in
            let nominations = (try? RegulationParser.parse(edition.regulationText, file: "regulation.yaml"))?.nominations ?? []
            return Page.Row(
                id: edition.id, title: "\(edition.title), \(edition.edition)", phase: edition.phase.title,
                window: ContestPagesController.window(edition),
                scheduleEditable: ContestSchedule.windowEditable(edition.phase), openingFixed: edition.phase == .applicationsOpen,
                opens: edition.applicationsOpenAt.map { ContestSchedule.field($0, timeZone: edition.timeZone) } ?? "",
                closes: edition.applicationsCloseAt.map { ContestSchedule.field($0, timeZone: edition.timeZone) } ?? "", timeZone: edition.timeZone,
                next: edition.nextPhases.map { Page.Option(code: $0.rawValue, title: $0.title) },
                notHeld: edition.notHeld.sorted { $0.key < $1.key }.map { id, reason in
                    "«\(nominations.first { $0.id == id }?.title ?? id)» \(reason)"
                })
        }
        return try pages.render(
            "admin-contests", Page(session: PageSession(context), notice: notice, errors: errors, contests: rows, preview: preview), status: status)
    }
}
