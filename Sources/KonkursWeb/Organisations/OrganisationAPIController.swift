import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// The registry of organisations: `/api/v1/organisations…`.
struct OrganisationAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/organisations", use: listOrganisations)
        routes.on("/api/v1/organisations", method: .post, use: createOrganisation)
        routes.get("/api/v1/organisations/{id}", use: getOrganisation)
        routes.on("/api/v1/organisations/{id}", method: .put, use: updateOrganisation)
        routes.on("/api/v1/organisations/{id}/deactivate", method: .post, use: deactivateOrganisation)
    }

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

    /// The registry (a coordinator sees only their own organisation).
    @Sendable func listOrganisations(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.organisations.list(context.origin).map(OrganisationResponse.init)
    }

    /// Add an organisation (department administrator).
    @Sendable func createOrganisation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(OrganisationBody.self, context: context)
        let created = try await services.organisations.create(
            context.origin, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district)
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/organisations/\(created.id)"], response: OrganisationResponse(created))
    }

    /// One organisation (404 also when it is hidden from the caller).
    @Sendable func getOrganisation(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        OrganisationResponse(try await services.organisations.get(context.origin, id: try context.parameters.id("id")))
    }

    /// Edit an organisation (department administrator).
    @Sendable func updateOrganisation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(OrganisationBody.self, context: context)
        return OrganisationResponse(
            try await services.organisations.update(
                context.origin, id: id, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district))
    }

    /// Mark an organisation as no longer active (department administrator).
    @Sendable func deactivateOrganisation(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        OrganisationResponse(try await services.organisations.setActive(context.origin, id: try context.parameters.id("id"), active: false))
    }
}
