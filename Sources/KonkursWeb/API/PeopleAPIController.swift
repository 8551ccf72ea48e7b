import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// The registries: `/api/v1/organisations…`, `/api/v1/users…`, `/api/v1/audit`.
struct PeopleAPIController {
    let services: KonkursServices

    struct OrganisationBody: Decodable {
        let full_name: String
        let short_name: String
        let kind: String
        let district: String?
    }

    struct OrganisationResponse: ResponseEncodable {
        let id: Int64
        let full_name: String
        let short_name: String
        let kind: String
        let district: String
        let active: Bool

        init(_ organisation: Organisation) {
            id = organisation.id
            full_name = organisation.fullName
            short_name = organisation.shortName
            kind = organisation.kind.rawValue
            district = organisation.district
            active = organisation.active
        }
    }

    struct UserBody: Decodable {
        let login: String
        let full_name: String
        let email: String?
        let organisation_id: Int64?
        let roles: [String]
    }

    struct UserResponse: ResponseEncodable {
        let id: Int64
        let login: String
        let full_name: String
        let email: String?
        let organisation_id: Int64?
        let roles: [String]
        let active: Bool
        let has_password: Bool

        init(_ account: UserAccount) {
            id = account.id
            login = account.login
            full_name = account.fullName
            email = account.email
            organisation_id = account.organisationID
            roles = account.roles.sorted().map(\.rawValue)
            active = account.active
            has_password = account.hasPassword
        }
    }

    struct CreatedUserResponse: ResponseEncodable {
        let user: UserResponse
        /// The one-time link the new user opens to set a password; shown only here.
        let invitation_path: String
        let invitation_url: String
    }

    /// A new one-time link after a reset (every session and token of the account has ended).
    struct InvitationResponse: ResponseEncodable {
        let invitation_path: String
        let invitation_url: String
    }

    struct AuditResponse: ResponseEncodable {
        let id: Int64
        let occurred_at: Date
        let actor: String
        let action: String
        let target: String
        let details: String
        let request_id: String?
        let sealed: Bool
    }

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/organisations") { _, context in
            try await services.organisations.list(context.origin).map(OrganisationResponse.init)
        }
        routes.on("/api/v1/organisations", method: .post) { request, context in
            let body = try await request.decodeJSON(OrganisationBody.self, context: context)
            let created = try await services.organisations.create(
                context.origin, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/organisations/\(created.id)"], response: OrganisationResponse(created))
        }
        routes.get("/api/v1/organisations/{id}") { _, context in
            OrganisationResponse(try await services.organisations.get(context.origin, id: try context.parameters.id("id")))
        }
        routes.on("/api/v1/organisations/{id}", method: .put) { request, context in
            let id = try context.parameters.id("id")
            let body = try await request.decodeJSON(OrganisationBody.self, context: context)
            return OrganisationResponse(try await services.organisations.update(
                context.origin, id: id, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district))
        }
        routes.on("/api/v1/organisations/{id}/deactivate", method: .post) { _, context in
            OrganisationResponse(try await services.organisations.setActive(context.origin, id: try context.parameters.id("id"), active: false))
        }
        routes.get("/api/v1/users") { _, context in
            try await services.users.list(context.origin).map(UserResponse.init)
        }
        routes.on("/api/v1/users", method: .post) { request, context in
            let body = try await request.decodeJSON(UserBody.self, context: context)
            let (account, invitation) = try await services.users.add(
                context.origin, login: body.login, fullName: body.full_name, email: body.email, organisationID: body.organisation_id, roles: body.roles)
            return EditedResponse(
                status: .created, headers: [.location: "/api/v1/users/\(account.id)"],
                response: CreatedUserResponse(
                    user: UserResponse(account), invitation_path: "/invite/\(invitation)", invitation_url: services.links.invitation(invitation)))
        }
        routes.get("/api/v1/users/{id}") { _, context in
            UserResponse(try await services.users.get(context.origin, id: try context.parameters.id("id")))
        }
        routes.on("/api/v1/users/{id}/disable", method: .post) { _, context in
            UserResponse(try await services.users.setActive(context.origin, id: try context.parameters.id("id"), active: false))
        }
        routes.on("/api/v1/users/{id}/reset-password", method: .post) { _, context in
            let invitation = try await services.users.resetPassword(context.origin, id: try context.parameters.id("id"))
            return InvitationResponse(invitation_path: "/invite/\(invitation)", invitation_url: services.links.invitation(invitation))
        }
        routes.get("/api/v1/audit") { _, context in
            try await services.audit.recent(context.origin).map {
                AuditResponse(
                    id: $0.id, occurred_at: $0.occurredAt, actor: $0.actorLogin, action: $0.action, target: $0.target, details: $0.details,
                    request_id: $0.requestID, sealed: $0.sealed)
            }
        }
    }
}
