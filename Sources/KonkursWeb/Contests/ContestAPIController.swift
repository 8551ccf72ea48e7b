import Foundation
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/contests…`: editions from regulations, their schedule and lifecycle.
struct ContestAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.on("/api/v1/contests/{id}/decisions", method: .put, requires: .to(.manageJury), use: recordDecisions)
        routes.get("/api/v1/contests/{id}/results", requires: .to(.viewScoring), use: contestResults)
        routes.get("/api/v1/contests", use: listContests)
        routes.on("/api/v1/contests", method: .post, requires: .to(.manageContests), use: createContest)
        routes.on("/api/v1/contests/{id}/copy", method: .post, requires: .to(.manageContests), use: copyContest)
        routes.get("/api/v1/contests/{id}", use: getContest)
        routes.get("/api/v1/contests/{id}/regulation", use: getContestRegulation)
        routes.on("/api/v1/contests/{id}/schedule", method: .put, requires: .to(.manageContests), use: scheduleContest)
        routes.on("/api/v1/contests/{id}/transition", method: .post, requires: .to(.manageContests), use: transitionContest)
    }

    struct CreateRequest: Decodable {
        /// The regulation file's text (YAML, format konkurs/1).
        let regulation: String
    }

    struct ScheduleRequest: Decodable {
        /// Left out: the opening stays as it is (an extension while applications are open).
        let applications_open_at: String?
        let applications_close_at: String
    }

    struct TransitionRequest: Decodable {
        let to: String
    }

    struct ContestResponse: ResponseEncodable {
        let id: Int64
        let title: String
        let edition: String
        let time_zone: String
        let phase: String
        let applications_open_at: Date?
        let applications_close_at: Date?
        let regulation_sha256: String
        let next_phases: [String]

        init(_ edition: ContestEdition) {
            id = edition.id
            title = edition.title
            self.edition = edition.edition
            time_zone = edition.timeZone
            phase = edition.phase.rawValue
            applications_open_at = edition.applicationsOpenAt
            applications_close_at = edition.applicationsCloseAt
            regulation_sha256 = edition.regulationDigest
            next_phases = edition.nextPhases.map(\.rawValue)
        }
    }

    /// The decisions file (ties decided by the jury or the chair, special prizes), checked against the edition's data.
    @Sendable func recordDecisions(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.collectBody(within: context.maxUploadSize)
        try await services.results.recordDecisions(context.origin, contestID: id, text: String(buffer: body))
        return HTTPResponse.Status.noContent
    }

    /// The protocol computed from the submitted sheets by the same path as `konkurs results compute` on the exported files (the same data gives the same bytes).
    @Sendable func contestResults(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let raw = request.uri.queryParameters.get("format") ?? "json"
        guard let format = ProtocolRenderer.Format(rawValue: raw) else {
            throw InvalidInput([.init(field: "format", message: "Формат: json, csv, md или html")])
        }
        let output = try await services.results.compute(context.origin, contestID: id, format: format)
        let types: [ProtocolRenderer.Format: String] = [
            .json: "application/json; charset=utf-8", .csv: "text/csv; charset=utf-8", .md: "text/markdown; charset=utf-8",
            .html: "text/html; charset=utf-8",
        ]
        return Download(fileName: "protocol-\(id).\(format.rawValue)", contentType: types[format]!, body: ByteBuffer(string: output.text))
    }

    /// Contest editions (announced ones for everybody; drafts for the department).
    @Sendable func listContests(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.contests.list(context.origin).map(ContestResponse.init)
    }

    /// Create a draft edition from a regulation (YAML text, format konkurs/1).
    @Sendable func createContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let created = try await services.contests.create(context.origin, regulation: body.regulation, fileName: "regulation.yaml")
        return EditedResponse(status: .created, headers: [.location: "/api/v1/contests/\(created.id)"], response: ContestResponse(created))
    }

    struct CopyRequest: Decodable {
        let edition: String
    }

    /// A new draft edition with this edition's regulation under a new edition name (no dates).
    @Sendable func copyContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(CopyRequest.self, context: context)
        let created = try await services.contests.createEdition(context.origin, from: try context.parameters.id("id"), edition: body.edition)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/contests/\(created.id)"], response: ContestResponse(created))
    }

    /// One edition (a draft answers like a missing one to those who may not see it).

    @Sendable func getContest(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        ContestResponse(try await services.contests.get(context.origin, id: try context.parameters.id("id")))
    }

    /// The regulation file of an edition, as uploaded.
    @Sendable func getContestRegulation(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let edition = try await services.contests.get(context.origin, id: try context.parameters.id("id"))
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: .init(string: edition.regulationText)))
    }

    /// Set the application window, local time of the contest's zone: any window in a draft or an announced edition; while applications are open only the closing instant, later than now (an extension); not after.
    @Sendable func scheduleContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(ScheduleRequest.self, context: context)
        return ContestResponse(
            try await services.contests.schedule(
                context.origin, id: id, opens: body.applications_open_at, closes: body.applications_close_at))
    }

    /// Move an edition to the next phase of its lifecycle.
    @Sendable func transitionContest(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(TransitionRequest.self, context: context)
        guard let target = ContestPhase(rawValue: body.to) else {
            throw InvalidInput([
                .init(
                    field: "to",
                    message: "Неизвестное состояние «\(body.to)»; допустимы: \(ContestPhase.allCases.map(\.rawValue).joined(separator: ", "))")
            ])
        }
        return ContestResponse(try await services.contests.transition(context.origin, id: id, to: target))
    }
}
