import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// `/api/v1/applications…`: coordinators' applications and the department's decisions.
struct ApplicationAPIController {
    let services: KonkursServices

    struct MemberBody: Codable {
        let role: String
        let surname: String
        let name: String
        let patronymic: String?
        let birth_date: String
        let position: String
        let subject: String?
        let experience_start: String
        let category: String?
        let contacts: String?

        init(_ member: KonkursCore.Application.Member) {
            role = member.role.rawValue
            surname = member.surname
            name = member.name
            patronymic = member.patronymic
            birth_date = member.birthDate
            position = member.position
            subject = member.subject
            experience_start = member.experienceStart
            category = member.category
            contacts = member.contacts
        }

        func member(index: Int) throws -> KonkursCore.Application.Member {
            guard let role = KonkursCore.Application.Member.Role(rawValue: role) else {
                throw InvalidInput([.init(field: "members[\(index)].role", message: "Роль: nominee, mentor, mentee, captain или member")])
            }
            return KonkursCore.Application.Member(
                role: role, surname: surname, name: name, patronymic: patronymic, birthDate: birth_date, position: position, subject: subject,
                experienceStart: experience_start, category: category, contacts: contacts)
        }
    }

    struct CreateBody: Decodable {
        let contest_id: Int64
        let nomination: String
        let organisation_id: Int64?
        let members: [MemberBody]
        let consent_processing: Bool
        let consent_publication: [String]
    }

    struct WithdrawBody: Decodable {
        let reason: String
    }

    struct DecisionBody: Decodable {
        let decision: String
        let reason: String?
    }

    struct ApplicationResponse: ResponseEncodable {
        let id: Int64
        let contest_id: Int64
        let nomination: String
        let organisation_id: Int64
        let status: String
        let status_title: String
        let members: [MemberBody]
        let consent_processing: Bool
        let consent_publication: [String]
        let reason: String?

        init(_ application: KonkursCore.Application) {
            id = application.id
            contest_id = application.contestID
            nomination = application.nomination
            organisation_id = application.organisationID
            status = application.status.rawValue
            status_title = application.status.title
            members = application.members.map(MemberBody.init)
            consent_processing = application.consentProcessing
            consent_publication = application.consentPublication
            reason = application.reason
        }
    }

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/applications") { request, context in
            var contest: Int64?
            if let raw = request.uri.queryParameters.get("contest_id") {
                guard let value = Int64(raw) else { throw HTTPError(.badRequest, message: "contest_id: ожидается целое число") }
                contest = value
            }
            return try await services.applications.list(context.origin, contestID: contest).map(ApplicationResponse.init)
        }
        routes.on("/api/v1/applications", method: .post) { request, context in
            _ = try context.origin.authorize(.editApplications, .registry)
            let body = try await request.decodeJSON(CreateBody.self, context: context)
            let members = try body.members.enumerated().map { try $1.member(index: $0) }
            let created = try await services.applications.create(
                context.origin, contestID: body.contest_id, nomination: body.nomination, organisationID: body.organisation_id, members: members,
                consentProcessing: body.consent_processing, consentPublication: body.consent_publication)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/applications/\(created.id)"], response: ApplicationResponse(created))
        }
        routes.get("/api/v1/applications/{id}") { _, context in
            ApplicationResponse(try await services.applications.get(context.origin, id: try context.parameters.require("id", as: Int64.self)))
        }
        routes.on("/api/v1/applications/{id}/submit", method: .post) { _, context in
            ApplicationResponse(try await services.applications.submit(context.origin, id: try context.parameters.require("id", as: Int64.self)))
        }
        routes.on("/api/v1/applications/{id}/withdraw", method: .post) { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try context.origin.authorize(.editApplications, .registry)
            let body = try await request.decodeJSON(WithdrawBody.self, context: context)
            return ApplicationResponse(try await services.applications.withdraw(context.origin, id: id, reason: body.reason))
        }
        routes.on("/api/v1/applications/{id}/decision", method: .post) { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try context.origin.authorize(.decideApplications, .application(organisationID: -1))
            let body = try await request.decodeJSON(DecisionBody.self, context: context)
            guard let decision = ApplicationService.Decision(rawValue: body.decision) else {
                throw InvalidInput([.init(field: "decision", message: "Решение: admit, return или reject")])
            }
            return ApplicationResponse(try await services.applications.decide(context.origin, id: id, decision: decision, reason: body.reason))
        }
    }
}
