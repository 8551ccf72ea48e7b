import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// The registry of organisations in the browser: the list, adding, editing, marking as not active.
struct OrganisationPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/admin/organisations", use: organisationsPage)
        routes.on("/admin/organisations", method: .post, use: createOrganisation)
        routes.on("/admin/organisations/{id}/active", method: .post, use: setOrganisationActive)
        routes.on("/admin/organisations/{id}", method: .post, use: saveOrganisation)
    }

    struct OrganisationsPage {
        let title = "Организации"
        let session: PageSession?
        let organisations: [Row]
        let canManage: Bool
        let kinds = Organisation.Kind.allCases.map { Kind(code: $0.rawValue, title: $0.title) }
        let notice: String?
        let error: String?
        let version = Konkurs.version

        struct Row {
            let id: Int64
            let fullName: String
            let shortName: String
            let kind: String
            let kindCode: String
            let district: String
            let active: Bool
        }

        struct Kind {
            let code: String
            let title: String
        }
    }

    /// The registry of organisations.
    @Sendable func organisationsPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await organisations(context, notice: nil, error: nil)
    }

    /// Adds an organisation.
    @Sendable func createOrganisation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            let created = try await services.organisations.create(
                context.origin, fullName: form["full_name"], shortName: form["short_name"], kind: form["kind"], district: nil)
            return try await organisations(context, notice: "Организация «\(created.shortName)» добавлена.", error: nil)
        } catch let error as InvalidInput {
            return try await organisations(
                context, notice: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        } catch ServiceError.conflict(let message) {
            return try await organisations(context, notice: nil, error: message.capitalizedFirst + ".", status: .conflict)
        }
    }

    /// Marks an organisation active or not.
    @Sendable func setOrganisationActive(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        let changed = try await services.organisations.setActive(
            context.origin, id: try context.parameters.id("id"), active: form["active"] == "true")
        return try await organisations(
            context, notice: "«\(changed.shortName)»: \(changed.active ? "снова действует" : "отмечена как не действующая").", error: nil)
    }

    /// Saves an organisation's fields.
    @Sendable func saveOrganisation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            let changed = try await services.organisations.update(
                context.origin, id: try context.parameters.id("id"), fullName: form["full_name"],
                shortName: form["short_name"], kind: form["kind"], district: form["district"].isEmpty ? nil : form["district"])
            return try await organisations(context, notice: "Организация «\(changed.shortName)» сохранена.", error: nil)
        } catch let error as InvalidInput {
            return try await organisations(
                context, notice: nil, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        } catch ServiceError.conflict(let message) {
            return try await organisations(context, notice: nil, error: message.capitalizedFirst + ".", status: .conflict)
        }
    }

    private func organisations(_ context: AppRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML
    {
        let list = try await services.organisations.list(context.origin).map {
            OrganisationsPage.Row(
                id: $0.id, fullName: $0.fullName, shortName: $0.shortName, kind: $0.kind.title, kindCode: $0.kind.rawValue, district: $0.district,
                active: $0.active)
        }
        let canManage = AccessPolicy.decide(context.actor, .manageOrganisations, .registry) == .allow
        return try pages.render(
            "organisations",
            OrganisationsPage(session: PageSession(context), organisations: list, canManage: canManage, notice: notice, error: error),
            status: status)
    }
}
