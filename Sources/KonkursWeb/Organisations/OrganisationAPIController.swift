import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// The registry of organisations: `/api/v1/organisations…`.
struct OrganisationAPIController {
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

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/organisations") { _, context in
            try await services.organisations.list(context.origin).map(OrganisationResponse.init)
        }
        routes.on("/api/v1/organisations", method: .post) { request, context in
            let body = try await request.decodeJSON(OrganisationBody.self, context: context)
            let created = try await services.organisations.create(
                context.origin, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district)
            return EditedResponse(
                status: .created, headers: [.location: "/api/v1/organisations/\(created.id)"], response: OrganisationResponse(created))
        }
        routes.get("/api/v1/organisations/{id}") { _, context in
            OrganisationResponse(try await services.organisations.get(context.origin, id: try context.parameters.id("id")))
        }
        routes.on("/api/v1/organisations/{id}", method: .put) { request, context in
            let id = try context.parameters.id("id")
            let body = try await request.decodeJSON(OrganisationBody.self, context: context)
            return OrganisationResponse(
                try await services.organisations.update(
                    context.origin, id: id, fullName: body.full_name, shortName: body.short_name, kind: body.kind, district: body.district))
        }
        routes.on("/api/v1/organisations/{id}/deactivate", method: .post) { _, context in
            OrganisationResponse(try await services.organisations.setActive(context.origin, id: try context.parameters.id("id"), active: false))
        }
    }
}
