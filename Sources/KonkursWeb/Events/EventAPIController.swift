import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/…` of participation events: the programme, attendees and their presence, certificates.
struct EventAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/public/contests/{id}/programme", use: publicProgramme)
        routes.on("/api/v1/applications/{id}/session", method: .put, requires: .to(.decideApplications, .unknownApplication), use: scheduleSession)
        routes.get("/api/v1/contests/{id}/attendees", requires: .to(.viewApplications), use: listAttendees)
        routes.on("/api/v1/contests/{id}/attendees", method: .post, requires: .to(.editApplications), use: registerAttendee)
        routes.on("/api/v1/attendees/{id}/presence", method: .post, requires: .to(.decideApplications, .unknownApplication), use: markPresence)
        routes.on("/api/v1/contests/{id}/certificates", method: .post, requires: .to(.manageResults), use: issueCertificates)
        routes.get("/api/v1/contests/{id}/certificates", use: certificates)
    }

    /// A session's day, start and place: asked and answered in the same shape.
    struct SessionBody: Decodable, ResponseEncodable {
        let day: String
        let starts: String
        let place: String
    }

    struct ProgrammeResponse: ResponseEncodable {
        let application_id: Int64
        let day: String
        let starts: String
        let place: String
        let title: String
        let presenters: String
        let organisation: String?

        init(_ line: EventService.ProgrammeLine) {
            application_id = line.session.applicationID
            day = line.session.day.description
            starts = line.session.starts
            place = line.session.place
            title = line.title
            presenters = line.presenters
            organisation = line.organisation
        }
    }

    struct AttendeeBody: Decodable {
        let application_id: Int64
        let organisation_id: Int64?
        let surname: String
        let name: String
        let patronymic: String?
        let position: String?
        let consent_processing: Bool
        let at_the_door: Bool?
    }

    struct AttendeeResponse: ResponseEncodable {
        let id: Int64
        let application_id: Int64
        let organisation_id: Int64?
        let full_name: String
        let position: String?
        let present: Bool

        init(_ attendee: Attendee) {
            id = attendee.id
            application_id = attendee.applicationID
            organisation_id = attendee.organisationID
            full_name = attendee.fullName
            position = attendee.position
            present = attendee.present
        }
    }

    struct PresenceBody: Decodable {
        let present: Bool
    }

    struct CertificatesBody: Decodable {
        let order: String
        let date: String
    }

    /// The event's programme: sessions by day and time, presenters named as they consented.
    @Sendable func publicProgramme(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.events.programme(context.origin, contestID: try context.parameters.id("id")).map(ProgrammeResponse.init)
    }

    /// Put an admitted session into the programme, or move it: day (YYYY-MM-DD), start (HH:MM), place.
    @Sendable func scheduleSession(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(SessionBody.self, context: context)
        let session = try await services.events.schedule(
            context.origin, applicationID: try context.parameters.id("id"), day: body.day, starts: body.starts, place: body.place)
        return SessionBody(day: session.day.description, starts: session.starts, place: session.place)
    }

    /// Attendees (a coordinator sees only their organisation's).
    @Sendable func listAttendees(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.events.attendees(context.origin, contestID: try context.parameters.id("id")).map(AttendeeResponse.init)
    }

    /// Register an attendee of a session: a coordinator for their organisation; the department for any, or at the door (present at once).
    @Sendable func registerAttendee(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(AttendeeBody.self, context: context)
        let added = try await services.events.register(
            context.origin, applicationID: body.application_id, organisationID: body.organisation_id,
            attendee: .init(
                surname: body.surname, name: body.name, patronymic: body.patronymic, position: body.position,
                consentProcessing: body.consent_processing),
            atTheDoor: body.at_the_door ?? false)
        return EditedResponse(status: .created, response: AttendeeResponse(added))
    }

    /// Mark an attendee present or not (the department, at the event).
    @Sendable func markPresence(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(PresenceBody.self, context: context)
        return AttendeeResponse(
            try await services.events.markPresent(context.origin, attendeeID: try context.parameters.id("id"), present: body.present))
    }

    struct IssuedResponse: ResponseEncodable {
        let issued: Int
    }

    /// The approving order of an event: approved and published at once, certificates numbered for presenters and attendees present.
    @Sendable func issueCertificates(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(CertificatesBody.self, context: context)
        return IssuedResponse(
            issued: try await services.events.issueCertificates(
                context.origin, contestID: try context.parameters.id("id"), order: body.order, date: body.date))
    }

    /// The certificates as one printable HTML document (`application` or `attendee` narrows to one).
    @Sendable func certificates(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let query = request.uri.queryParameters
        func number(_ name: String) throws -> Int64? {
            guard let text = query.get(name) else { return nil }
            guard let value = Int64(text) else { throw InvalidInput([.init(field: name, message: "ожидается целое число")]) }
            return value
        }
        let selection: EventService.CertificateSelection =
            if let application = try number("application") { .application(application) } else if let attendee = try number("attendee") {
                .attendee(attendee)
            } else { .all }
        let html = try await services.events.certificates(context.origin, contestID: id, selection: selection)
        return Download(fileName: "certificates-\(id).html", contentType: "text/html; charset=utf-8", body: ByteBuffer(string: html))
    }
}
