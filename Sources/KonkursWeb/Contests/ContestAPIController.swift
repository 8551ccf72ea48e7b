import Foundation
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/contests…`: editions from regulations, their schedule and lifecycle.
struct ContestAPIController {
    let services: KonkursServices

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
            next_phases = edition.phase.next.map(\.rawValue)
        }
    }

    func addRoutes(to routes: Routes) {
        routes.on("/api/v1/contests/{id}/decisions", method: .put, requires: .to(.manageJury)) { request, context in
            let id = try context.parameters.id("id")
            let body = try await request.collectBody(within: context.maxUploadSize)
            try await services.results.recordDecisions(context.origin, contestID: id, text: String(buffer: body))
            return HTTPResponse.Status.noContent
        }
        routes.get("/api/v1/contests/{id}/results", requires: .to(.viewScoring)) { request, context in
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
        routes.get("/api/v1/contests") { _, context in try await services.contests.list(context.origin).map(ContestResponse.init) }
        routes.on("/api/v1/contests", method: .post, requires: .to(.manageContests)) { request, context in
            let body = try await request.decodeJSON(CreateRequest.self, context: context)
            let created = try await services.contests.create(context.origin, regulation: body.regulation, fileName: "regulation.yaml")
            return EditedResponse(status: .created, headers: [.location: "/api/v1/contests/\(created.id)"], response: ContestResponse(created))
        }
        routes.get("/api/v1/contests/{id}") { _, context in
            ContestResponse(try await services.contests.get(context.origin, id: try context.parameters.id("id")))
        }
        routes.get("/api/v1/contests/{id}/regulation") { _, context in
            let edition = try await services.contests.get(context.origin, id: try context.parameters.id("id"))
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: .init(string: edition.regulationText)))
        }
        routes.on("/api/v1/contests/{id}/schedule", method: .put, requires: .to(.manageContests)) { request, context in
            let id = try context.parameters.id("id")
            let body = try await request.decodeJSON(ScheduleRequest.self, context: context)
            return ContestResponse(
                try await services.contests.schedule(
                    context.origin, id: id, opens: body.applications_open_at, closes: body.applications_close_at))
        }
        routes.on("/api/v1/contests/{id}/transition", method: .post, requires: .to(.manageContests)) { request, context in
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
}
