import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// Applications in the browser: a coordinator's list, form, documents and submission; the
/// department's list with filters, admission decisions and export.
struct ApplicationPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.on("/applications/{id}/appeal", method: .post, use: fileAppeal)
        routes.on("/applications/{id}/consent/withdraw", method: .post, use: withdrawConsent)
        routes.get("/applications/{id}/diplomas", use: applicationDiplomas)
        routes.on("/applications/import", method: .post, requires: .to(.importApplications), use: importApplications)
        routes.get("/applications", use: applicationList)
        routes.get("/applications/new", use: newApplication)
        routes.on("/applications/new", method: .post, use: createApplication)
        routes.get("/applications/{id}", use: applicationPage)
        routes.on("/applications/{id}", method: .post, use: saveApplication)
        routes.on("/applications/{id}/documents", method: .post, use: attachDocument)
        routes.on("/applications/{id}/documents/{document}/remove", method: .post, use: removeDocument)
        routes.on("/applications/{id}/submit", method: .post, use: submitApplication)
        routes.on("/applications/{id}/withdraw", method: .post, use: withdrawApplication)
        routes.on("/applications/{id}/decision", method: .post, use: decideApplication)
    }

    /// Notices after a redirect (`?done=saved`), so a reload does not post again.
    static let notices: [String: String] = [
        "created": "Черновик заявки сохранён. Приложите документы и подайте заявку.",
        "saved": "Изменения сохранены.",
        "uploaded": "Документ приложен.",
        "removed": "Документ удалён.",
        "submitted": "Заявка подана. Оргкомитет проверит её и сообщит решение здесь.",
        "withdrawn": "Заявка отозвана.",
        "decided": "Решение записано; организация видит его.",
        "appealed": "Апелляция зарегистрирована; решение комиссии появится здесь и в протоколе.",
        "consent": "Согласие на публикацию отозвано: сведения убраны со страниц итогов.",
        "imported": "Заявки из файла загружены черновиками их организаций (ниже — черновики конкурса).",
    ]

    /// The organisation appeals its application's result.
    @Sendable func fileAppeal(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "appealed") {
            _ = try await services.appeals.file(context.origin, applicationID: id, text: form["text"])
        }
    }

    /// Withdraws the consent to publication.
    @Sendable func withdrawConsent(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        try requireCSRF(try await FormFields(request), context)
        return try await act(context, id: id, done: "consent") {
            try await services.publications.withdrawConsent(context.origin, applicationID: id)
        }
    }

    /// The diplomas of one application, for its organisation.
    @Sendable func applicationDiplomas(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let application = try await services.applications.get(context.origin, id: id)
        return HTML(
            text: try await services.diplomas.render(context.origin, contestID: application.contestID, applicationID: id, linkedStyle: true))
    }

    /// Applications collected on paper become drafts of their organisations.
    @Sendable func importApplications(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let again: ([String], HTTPResponse.Status) async throws -> HTML = { try await list(request, context, errors: $0, status: $1) }
        return try await pageAction(render: again) {
            let received = try await UploadReader.form(request, maximumSize: ApplicationAPIController.importLimit, formats: [.csv])
            let fields = FormFields(values: received.fields)
            try requireCSRF(fields, context)
            guard let contest = Int64(fields["contest"]) else { throw InvalidInput([.init(field: "contest", message: "Выберите конкурс")]) }
            _ = try await services.applications.importFile(
                context.origin, contestID: contest, file: InputFile(name: received.fileName, bytes: Array(received.content.readableBytesView)))
            return "/applications?contest_id=\(contest)&status=draft&done=imported"
        }
    }

    /// The applications the person may see, filtered.
    @Sendable func applicationList(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await list(request, context).plainResponse()
    }

    /// The empty application form of a nomination.
    @Sendable func newApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (contest, nomination) = try await nomination(
            context, contestID: request.uri.queryParameters.get("contest"), id: request.uri.queryParameters.get("nomination"))
        _ = try context.origin.authorize(.editApplications, .registry)
        return try render(ApplicationPage.form(context, contest: contest, nomination: nomination, form: .empty(nomination), errors: []))
            .plainResponse()
    }

    /// Saves a new draft application.
    @Sendable func createApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        let (contest, nomination) = try await nomination(context, contestID: form["contest"], id: form["nomination"])
        if form["add_rows"] == "yes" {
            let more = ApplicationForm(form, nomination: nomination, moreRows: Self.addedRows)
            return try render(ApplicationPage.form(context, contest: contest, nomination: nomination, form: more, errors: [])).plainResponse()
        }
        let typed = ApplicationForm(form, nomination: nomination)
        do {
            let created = try await services.applications.create(
                context.origin, contestID: contest.id, nomination: nomination.id, organisationID: nil, content: typed.content)
            return Response.redirect(to: "/applications/\(created.id)?done=created", type: .normal)
        } catch let error as InvalidInput {
            let page = ApplicationPage.form(context, contest: contest, nomination: nomination, form: typed, errors: error.problems.map(\.message))
            return try render(page, status: .unprocessableContent).plainResponse()
        }
    }

    /// One application with its documents.
    @Sendable func applicationPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        return try await show(context, id: id, notice: request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] })
            .plainResponse()
    }

    /// Saves the application's fields.
    @Sendable func saveApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        let application = try await services.applications.get(context.origin, id: id)
        let (_, nomination) = try await nomination(context, contestID: "\(application.contestID)", id: application.nomination)
        if form["add_rows"] == "yes" {
            return try await show(context, id: id, typed: ApplicationForm(form, nomination: nomination, moreRows: Self.addedRows)).plainResponse()
        }
        let typed = ApplicationForm(form, nomination: nomination)
        return try await act(context, id: id, done: "saved", typed: typed) {
            _ = try await services.applications.update(context.origin, id: id, content: typed.content)
        }
    }

    /// Attaches a document (checked while it streams).
    @Sendable func attachDocument(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        return try await act(context, id: id, done: "uploaded") {
            let allowance = try await services.applications.uploadAllowance(context.origin, applicationID: id)
            let received = try await UploadReader.form(request, maximumSize: allowance)
            try requireCSRF(FormFields(values: received.fields), context)
            _ = try await services.applications.attach(
                context.origin, applicationID: id, kind: received.fields["kind"] ?? ApplicationDocument.otherKind, fileName: received.fileName,
                content: received.content)
        }
    }

    /// Removes a document from a draft.
    @Sendable func removeDocument(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        try requireCSRF(try await FormFields(request), context)
        let document = try context.parameters.id("document")
        return try await act(context, id: id, done: "removed") {
            try await services.applications.removeDocument(context.origin, documentID: document)
        }
    }

    /// Submits after every rule is checked.
    @Sendable func submitApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        try requireCSRF(try await FormFields(request), context)
        return try await act(context, id: id, done: "submitted") { _ = try await services.applications.submit(context.origin, id: id) }
    }

    /// The organisation withdraws its application.
    @Sendable func withdrawApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "withdrawn") {
            _ = try await services.applications.withdraw(context.origin, id: id, reason: form["reason"])
        }
    }

    /// The department admits, returns or refuses.
    @Sendable func decideApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "decided") {
            guard let decision = ApplicationService.Decision(rawValue: form["decision"]) else {
                throw InvalidInput([.init(field: "decision", message: "Выберите решение: допустить, вернуть на доработку или не допускать")])
            }
            _ = try await services.applications.decide(context.origin, id: id, decision: decision, reason: form["reason"])
        }
    }

    /// Rows «Добавить строки» adds to a roster (nothing is saved by it).
    static let addedRows = 3

    /// Runs an action on the application; success goes back to its page with a notice, a refusal

    /// shows the page again with the reasons (and, for the form, what was typed).
    private func act(
        _ context: AppRequestContext, id: Int64, done: String, typed: ApplicationForm? = nil, _ action: () async throws -> Void
    ) async throws -> Response {
        try await pageAction(
            redirect: "/applications/\(id)?done=\(done)", render: { try await show(context, id: id, errors: $0, typed: typed, status: $1) }, action)
    }

    private func render(_ page: ApplicationPage, status: HTTPResponse.Status = .ok) throws -> HTML {
        try pages.render("application", page, status: status)
    }

    private func nomination(_ context: AppRequestContext, contestID: String?, id: String?) async throws -> (ContestEdition, Nomination) {
        guard let contestID = contestID.flatMap({ Int64($0) }) else { throw ServiceError.notFound }
        let contest = try await services.contests.get(context.origin, id: contestID)
        guard let nomination = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").nomination(id ?? "") else {
            throw ServiceError.notFound
        }
        return (contest, nomination)
    }

    private func show(
        _ context: AppRequestContext, id: Int64, notice: String? = nil, errors: [String] = [], typed: ApplicationForm? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let application = try await services.applications.get(context.origin, id: id)
        let contest = try await services.contests.get(context.origin, id: application.contestID)
        let documents = try await services.applications.documents(context.origin, applicationID: id)
        let organisation = try? await services.organisations.get(context.origin, id: application.organisationID)
        let page = try ApplicationPage.view(
            context, application: application, contest: contest, organisation: organisation?.shortName ?? "№\(application.organisationID)",
            documents: documents, notice: notice, errors: errors, typed: typed)
        return try render(page, status: status)
    }

    private func list(
        _ request: Request, _ context: AppRequestContext, errors: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let actor = try context.origin.authorize(.viewApplications, .registry)
        // The page's filters are the API's query parameters, read by the same function.
        let filter = try ApplicationAPIController.filter(request)
        let applications = try await services.applications.list(context.origin, filter: filter)
        let contests = try await services.contests.list(context.origin)
        let organisations = try await services.organisations.list(context.origin)
        let page = ApplicationListPage(
            session: PageSession(context), actor: actor, applications: applications, contests: contests, organisations: organisations, filter: filter,
            exportQuery: request.uri.query ?? "", notice: request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] }, errors: errors
        )
        return try pages.render("applications", page, status: status)
    }
}
