import Foundation
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/…protocols`, appeals, approval, publication, public results and diplomas.
struct ResultsAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/contests/{id}/protocols", use: listProtocols)
        routes.on("/api/v1/contests/{id}/protocols", method: .post, requires: .to(.manageResults), use: drawProtocol)
        routes.get("/api/v1/protocols/{id}", use: getProtocol)
        routes.get("/api/v1/protocols/{id}/document", use: protocolDocument)
        routes.on("/api/v1/protocols/{id}/sign", method: .post, use: signProtocol)
        routes.on("/api/v1/protocols/{id}/paper-signatures", method: .post, requires: .to(.manageResults), use: recordPaperSignature)
        routes.get("/api/v1/contests/{id}/appeals", use: listAppeals)
        routes.on("/api/v1/applications/{id}/appeals", method: .post, use: fileAppeal)
        routes.on("/api/v1/appeals/{id}/decision", method: .post, requires: .to(.decideAppeals), use: decideAppeal)
        routes.on("/api/v1/contests/{id}/approval", method: .put, requires: .to(.manageResults), use: approveResults)
        routes.get("/api/v1/contests/{id}/publications", use: listPublications)
        routes.on("/api/v1/contests/{id}/publications", method: .post, requires: .to(.manageResults), use: requestPublication)
        routes.on("/api/v1/contests/{id}/publications/confirm", method: .post, use: confirmPublication)
        routes.get("/api/v1/public/contests/{id}/results", use: publicResults)
        routes.on("/api/v1/applications/{id}/consent/withdraw", method: .post, use: withdrawPublicationConsent)
        routes.on("/api/v1/contests/{id}/diploma-templates/{award}", method: .put, requires: .to(.manageResults), use: setDiplomaTemplate)
        routes.get("/api/v1/contests/{id}/diplomas", use: diplomas)
    }

    struct NoteRequest: Decodable {
        let note: String?
    }

    struct SignatureRequest: Decodable {
        let login: String
    }

    struct ApprovalRequest: Decodable {
        let order: String
        let date: String
    }

    struct AppealRequest: Decodable {
        let text: String
    }

    struct DecisionRequest: Decodable {
        struct Correction: Decodable {
            let juror: String
            let trial: String
            let criterion: String
            let mark: String
        }

        let outcome: String
        let decision: String
        let corrections: [Correction]?
    }

    struct TemplateRequest: Decodable {
        let text: String
    }

    struct ProtocolResponse: ResponseEncodable {
        struct Signature: Encodable {
            let name: String
            let chair: Bool
            let on_paper: Bool
            let signed_at: Date
        }

        let id: Int64
        let contest_id: Int64
        let version: Int
        let stage: String
        let final: Bool
        let status: String
        let sha256: String
        let signatures_required: Int
        let supersedes: Int?
        let note: String?
        let created_at: Date
        let signed_at: Date?
        let jury: [String]
        let signatures: [Signature]

        init(_ overview: ProtocolService.Overview) {
            let stored = overview.stored
            id = stored.id
            contest_id = stored.contestID
            version = stored.version
            stage = stored.stage
            final = stored.final
            status = stored.status.rawValue
            sha256 = stored.sha256
            signatures_required = stored.signaturesRequired
            supersedes = stored.supersedes
            note = stored.note
            created_at = stored.createdAt
            signed_at = stored.signedAt
            jury = overview.jury.map(\.name)
            signatures = overview.signatures.map { Signature(name: $0.fullName, chair: $0.chair, on_paper: $0.onPaper, signed_at: $0.signedAt) }
        }
    }

    struct AppealResponse: ResponseEncodable {
        let id: Int64
        let contest_id: Int64
        let application_id: Int64
        let text: String
        let filed_at: Date
        let status: String
        let decision: String?
        let protocol_version: Int?

        init(_ appeal: Appeal) {
            id = appeal.id
            contest_id = appeal.contestID
            application_id = appeal.applicationID
            text = appeal.text
            filed_at = appeal.filedAt
            status = appeal.status.rawValue
            decision = appeal.decision
            protocol_version = appeal.protocolVersion
        }
    }

    struct PublicationResponse: ResponseEncodable {
        let version: Int
        let protocol_id: Int64
        let note: String?
        let requested_by: String
        let confirmed_by: String?
        let confirmed_at: Date?

        init(_ publication: Publication) {
            version = publication.version
            protocol_id = publication.protocolID
            note = publication.note
            requested_by = publication.requestedBy
            confirmed_by = publication.confirmedBy
            confirmed_at = publication.confirmedAt
        }
    }

    static let contentTypes: [ProtocolService.Rendering: String] = [
        .html: "text/html; charset=utf-8", .json: "application/json; charset=utf-8", .csv: "text/csv; charset=utf-8",
        .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .snapshot: "application/json; charset=utf-8",
    ]

    /// The edition's protocols, newest version first, with who signed.
    @Sendable func listProtocols(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.protocols.list(context.origin, contestID: try context.parameters.id("id")).map(ProtocolResponse.init)
    }

    /// Draws up the next protocol version from the edition's data (refused while a tie awaits a decision).
    @Sendable func drawProtocol(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(NoteRequest.self, context: context)
        let stored = try await services.protocols.draw(context.origin, contestID: id, note: body.note)
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/protocols/\(stored.id)"],
            response: ProtocolResponse(try await services.protocols.get(context.origin, protocolID: stored.id)))
    }

    /// One protocol (the department, or its own jury).
    @Sendable func getProtocol(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        ProtocolResponse(try await services.protocols.get(context.origin, protocolID: try context.parameters.id("id")))
    }

    /// The protocol rendered from its stored files (refused if they no longer give the signed snapshot).
    @Sendable func protocolDocument(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let raw = request.uri.queryParameters.get("format") ?? "html"
        guard let rendering = ProtocolService.Rendering(rawValue: raw) else {
            throw InvalidInput([
                .init(field: "format", message: "Формат: " + ProtocolService.Rendering.allCases.map(\.rawValue).joined(separator: ", "))
            ])
        }
        let document = try await services.protocols.render(context.origin, protocolID: id, as: rendering)
        return Download(fileName: document.fileName, contentType: Self.contentTypes[rendering]!, body: ByteBuffer(bytes: document.bytes))
    }

    /// The signed-in jury member signs the protocol; the last required signature makes it signed and immutable.
    @Sendable func signProtocol(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        ProtocolResponse(try await services.protocols.sign(context.origin, protocolID: try context.parameters.id("id")))
    }

    /// The secretary records a signature given on the printed protocol.
    @Sendable func recordPaperSignature(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(SignatureRequest.self, context: context)
        return ProtocolResponse(try await services.protocols.signOnPaper(context.origin, protocolID: id, login: body.login))
    }

    /// Appeals of the edition (an organisation sees its own).
    @Sendable func listAppeals(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.appeals.list(context.origin, contestID: try context.parameters.id("id")).map(AppealResponse.init)
    }

    /// The organisation appeals its application's result within the regulation's window.
    @Sendable func fileAppeal(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        guard context.origin.actor != nil else { throw ServiceError.unauthenticated }
        let body = try await request.decodeJSON(AppealRequest.self, context: context)
        return EditedResponse(
            status: .created, response: AppealResponse(try await services.appeals.file(context.origin, applicationID: id, text: body.text)))
    }

    /// The appeal commission's decision; changed marks draw up a new protocol version to sign.
    @Sendable func decideAppeal(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(DecisionRequest.self, context: context)
        guard ["rejected", "changed"].contains(body.outcome) else {
            throw InvalidInput([.init(field: "outcome", message: "Решение: rejected (отклонить) или changed (изменить баллы)")])
        }
        let corrections = (body.corrections ?? []).map {
            AppealService.Correction(juror: $0.juror, trial: $0.trial, criterion: $0.criterion, mark: $0.mark)
        }
        return AppealResponse(
            try await services.appeals.decide(
                context.origin, appealID: id, changed: body.outcome == "changed", decision: body.decision, corrections: corrections))
    }

    /// Records the order approving the results (number and date).
    @Sendable func approveResults(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(ApprovalRequest.self, context: context)
        _ = try await services.publications.approve(context.origin, contestID: id, order: body.order, date: body.date)
        return HTTPResponse.Status.noContent
    }

    /// Publications of the edition, newest first.
    @Sendable func listPublications(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.publications.publications(context.origin, contestID: try context.parameters.id("id")).map(PublicationResponse.init)
    }

    /// Asks to publish the newest signed final protocol; a correction needs a note. Another person confirms.
    @Sendable func requestPublication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(NoteRequest.self, context: context)
        return EditedResponse(
            status: .created,
            response: PublicationResponse(try await services.publications.request(context.origin, contestID: id, note: body.note)))
    }

    /// A second person confirms the publication (not the one who asked).
    @Sendable func confirmPublication(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        PublicationResponse(try await services.publications.confirm(context.origin, contestID: try context.parameters.id("id")))
    }

    /// The published results, with only the fields each person consented to publish.
    @Sendable func publicResults(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        guard let publication = try await services.publications.current(contestID: id) else { throw ServiceError.notFound }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=60"],
            body: .init(byteBuffer: ByteBuffer(string: publication.publicJSON)))
    }

    /// Withdraws the consent to publish; every public page of the edition drops the fields at once.
    @Sendable func withdrawPublicationConsent(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.publications.withdrawConsent(context.origin, applicationID: try context.parameters.id("id"))
        return HTTPResponse.Status.noContent
    }

    /// The text of a diploma for an award type; unknown placeholders are refused.
    @Sendable func setDiplomaTemplate(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(TemplateRequest.self, context: context)
        try await services.diplomas.setTemplate(context.origin, contestID: id, award: try context.parameters.require("award"), text: body.text)
        return HTTPResponse.Status.noContent
    }

    /// The edition's diplomas as one printable document (A4 landscape); a coordinator gets their organisation's.
    @Sendable func diplomas(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let application = try request.uri.queryParameters.get("application").map { text in
            guard let value = Int64(text) else { throw InvalidInput([.init(field: "application", message: "Номер заявки — целое число")]) }
            return value
        }
        let html = try await services.diplomas.render(context.origin, contestID: id, applicationID: application)
        return Download(fileName: "diplomas-\(id).html", contentType: "text/html; charset=utf-8", body: ByteBuffer(string: html))
    }
}
