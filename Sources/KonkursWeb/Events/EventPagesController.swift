import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// A participation event's pages: the public programme; the event page where the department builds
/// the programme, marks presence and issues certificates, and organisations register their attendees.
struct EventPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/contests/{id}/programme", use: programmePage)
        routes.get("/events/{id}", requires: .to(.viewApplications), use: eventPage)
        routes.on("/events/{id}/sessions/{application}", method: .post, requires: .to(.decideApplications, .unknownApplication), use: scheduleSession)
        routes.on("/events/{id}/attendees", method: .post, requires: .to(.editApplications), use: registerAttendee)
        routes.on(
            "/events/{id}/attendees/{attendee}/presence", method: .post, requires: .to(.decideApplications, .unknownApplication), use: markPresence)
        routes.on("/events/{id}/certificates", method: .post, requires: .to(.manageResults), use: issueCertificates)
        routes.get("/events/{id}/certificates", use: printCertificates)
    }

    struct Line {
        let applicationID: Int64
        let day: String
        let dayValue: String
        let starts: String
        let place: String
        let title: String
        let presenters: String
        let organisation: String?
    }

    struct ProgrammePage {
        let title: String
        let session: PageSession?
        let contestID: Int64
        let lines: [Line]
        let version = Konkurs.version
    }

    struct EventPage {
        let title: String
        let session: PageSession?
        let notice: String?
        let errors: [String]
        let contestID: Int64
        let phase: String
        let lines: [Line]
        /// Admitted sessions the department may put into the programme (with what is set so far).
        let unscheduled: [Line]
        let department: Bool
        let canRegister: Bool
        let canIssue: Bool
        let published: Bool
        let attendees: [AttendeeRow]
        let organisations: [ApplicationForm.Option]
        let version = Konkurs.version
    }

    struct AttendeeRow {
        let id: Int64
        let fullName: String
        let sessionTitle: String
        let organisation: String
        let present: Bool
        let presence: String
    }

    static func line(_ item: EventService.ProgrammeLine) -> Line {
        Line(
            applicationID: item.session.applicationID, day: item.session.day.russian, dayValue: item.session.day.description,
            starts: item.session.starts,
            place: item.session.place, title: item.title, presenters: item.presenters, organisation: item.organisation)
    }

    /// The programme of an event, for everyone.
    @Sendable func programmePage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let contest = try await services.contests.get(context.origin, id: id)
        let lines = try await services.events.programme(context.origin, contestID: id).map(Self.line)
        return try pages.render(
            "programme",
            ProgrammePage(title: "Программа: \(contest.title), \(contest.edition)", session: PageSession(context), contestID: id, lines: lines))
    }

    /// The event's working page, by what the person may do.
    @Sendable func eventPage(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await page(
            context, id: try context.parameters.id("id"), notice: request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] })
    }

    static let notices = [
        "scheduled": "Мастер-класс включён в программу.", "registered": "Слушатель зарегистрирован.", "marked": "Отметка сохранена.",
        "issued": "Итоги утверждены; сертификаты пронумерованы и доступны для печати.",
    ]

    /// Puts an admitted session into the programme.
    @Sendable func scheduleSession(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (id, application) = (try context.parameters.id("id"), try context.parameters.id("application"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "scheduled") {
            _ = try await services.events.schedule(
                context.origin, applicationID: application, day: form["day"], starts: form["starts"], place: form["place"])
        }
    }

    /// Registers an attendee (the department may register at the door).
    @Sendable func registerAttendee(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "registered") {
            guard let session = Int64(form["session"]) else { throw InvalidInput([.init(field: "session", message: "Выберите мастер-класс")]) }
            let optional = { (text: String) in text.trimmingSpaces.isEmpty ? nil : text }
            _ = try await services.events.register(
                context.origin, applicationID: session, organisationID: Int64(form["organisation"]),
                attendee: .init(
                    surname: form["surname"], name: form["name"], patronymic: optional(form["patronymic"]), position: optional(form["position"]),
                    consentProcessing: form["consent_processing"] == "yes"),
                atTheDoor: form["at_the_door"] == "yes")
        }
    }

    /// Marks an attendee present or absent.
    @Sendable func markPresence(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (id, attendee) = (try context.parameters.id("id"), try context.parameters.id("attendee"))
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "marked") {
            _ = try await services.events.markPresent(context.origin, attendeeID: attendee, present: form["present"] == "yes")
        }
    }

    /// The approving order: certificates for presenters and attendees present.
    @Sendable func issueCertificates(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, id: id, done: "issued") {
            _ = try await services.events.issueCertificates(context.origin, contestID: id, order: form["order"], date: form["date"])
        }
    }

    /// The certificates the person may print (a coordinator: their organisation's).
    @Sendable func printCertificates(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        HTML(text: try await services.events.certificates(context.origin, contestID: try context.parameters.id("id"), linkedStyle: true))
    }

    private func act(_ context: AppRequestContext, id: Int64, done: String, _ action: () async throws -> Void) async throws -> Response {
        try await pageAction(redirect: "/events/\(id)?done=\(done)", render: { try await page(context, id: id, errors: $0, status: $1) }, action)
    }

    private func page(_ context: AppRequestContext, id: Int64, notice: String? = nil, errors: [String] = [], status: HTTPResponse.Status = .ok)
        async throws -> HTML
    {
        let actor = try context.origin.authorize(.viewApplications, .registry)
        let contest = try await services.contests.get(context.origin, id: id)
        let programme = try await services.events.programme(context.origin, contestID: id)
        let department = AccessPolicy.decide(actor, .decideApplications, .unknownApplication) == .allow
        let scheduled = Set(programme.map(\.session.applicationID))
        let admitted = department ? try await services.applications.list(context.origin, filter: .init(contest: id, status: .admitted)) : []
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        let unscheduled = admitted.filter { !scheduled.contains($0.id) }.map { application in
            Line(
                applicationID: application.id, day: "", dayValue: "", starts: "", place: "",
                title: regulation.event?.title(of: application, in: regulation) ?? application.entryTitle,
                presenters: application.diplomaRecipients(organisation: "").joined(separator: ", "), organisation: application.organisationName)
        }
        let titles = Dictionary(
            uniqueKeysWithValues: programme.map { ($0.session.applicationID, "\($0.title) (\($0.session.day.russian) \($0.session.starts))") })
        let organisations = try await services.organisations.list(context.origin)
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.shortName) })
        let attendees = try await services.events.attendees(context.origin, contestID: id).map { attendee in
            AttendeeRow(
                id: attendee.id, fullName: attendee.fullName, sessionTitle: titles[attendee.applicationID] ?? "",
                organisation: attendee.organisationID.flatMap { names[$0] } ?? "—",
                present: attendee.present, presence: attendee.present ? "присутствовал(а)" : "не отмечен(а)")
        }
        let page = EventPage(
            title: "\(contest.title), \(contest.edition)", session: PageSession(context), notice: notice, errors: errors, contestID: id,
            phase: contest.phase.title, lines: programme.map(Self.line), unscheduled: unscheduled,
            department: department && contest.phase.takesProgramme,
            canRegister: contest.phase.takesProgramme && !programme.isEmpty && AccessPolicy.decide(actor, .editApplications, .registry) == .allow,
            canIssue: contest.phase == .admissionReview && AccessPolicy.decide(actor, .manageResults, .registry) == .allow,
            published: contest.phase.isPublished, attendees: attendees,
            organisations: department
                ? organisations.filter(\.active).map { ApplicationForm.Option(code: "\($0.id)", title: $0.shortName, selected: false) } : [])
        return try pages.render("event", page, status: status)
    }
}
