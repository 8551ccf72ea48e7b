import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService
import Synchronization

/// Results for everyone: the public results page (served from the stored publication), printable
/// protocols and diplomas, and the jury's signing of protocols.
struct ResultsPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/documents.css", use: documentsStylesheet)
        routes.get("/contests/{id}/results", use: publicResults)
        routes.get("/protocols/{id}/print", use: printProtocol)
        routes.on("/protocols/{id}/sign", method: .post, use: signProtocol)
        routes.get("/admin/results/{contest}/diplomas", use: printDiplomas)
    }
    /// The anonymous public page as last rendered from each publication's stored view: rendering is
    /// skipped while the stored view is the same text.
    let rendered = RenderedPages()

    final class RenderedPages: Sendable {
        let pages = Mutex<[Int64: (view: String, page: ByteBuffer)]>([:])
    }

    struct PublicPage {
        let title: String
        let session: PageSession?
        let contestID: Int64
        let order: String
        let results: String
        let version = Konkurs.version
    }

    /// The print style protocols and diplomas share (the CSP forbids inline style).
    @Sendable func documentsStylesheet(_ _: Request, context _: AppRequestContext) async throws -> some ResponseGenerator {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: ProtocolDocument.style)))
    }

    /// An edition's published results, as far as people consented to publication.
    @Sendable func publicResults(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        guard let publication = try await services.publications.current(contestID: id) else { throw ServiceError.notFound }
        let session = PageSession(context)
        if session == nil, let cached = rendered.pages.withLock({ $0[id] }), cached.view == publication.publicJSON {
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: cached.page))
        }
        let header = (try? JSONSerialization.jsonObject(with: Data(publication.publicJSON.utf8))) as? [String: Any] ?? [:]
        let contest = "\(header["contest"] as? String ?? ""), \(header["edition"] as? String ?? "")"
        let page = try pages.render(
            "results",
            PublicPage(title: contest, session: session, contestID: id, order: header["order"] as? String ?? "", results: publication.publicHTML))
        if session == nil { rendered.pages.withLock { $0[id] = (publication.publicJSON, ByteBuffer(string: page.text)) } }
        return page.plainResponse()
    }

    /// A stored protocol as an A4 page, re-rendered from its files and checked against its snapshot.
    @Sendable func printProtocol(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let document = try await services.protocols.render(
            context.origin, protocolID: try context.parameters.id("id"), as: .html, linkedStyle: true)
        return HTML(text: String(decoding: document.bytes, as: UTF8.self))
    }

    /// A juror signs a protocol in their own account.
    @Sendable func signProtocol(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        _ = try await services.protocols.sign(context.origin, protocolID: try context.parameters.id("id"))
        return Response.redirect(to: "/jury?done=signed", type: .normal)
    }

    /// All diplomas of an edition, for printing.
    @Sendable func printDiplomas(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        HTML(text: try await services.diplomas.render(context.origin, contestID: try context.parameters.id("contest"), linkedStyle: true))
    }
}
