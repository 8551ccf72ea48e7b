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

    func addRoutes(to routes: Routes) {
        routes.get("/documents.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: ProtocolDocument.style)))
        }
        routes.get("/contests/{id}/results") { _, context in
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
        routes.get("/protocols/{id}/print") { _, context in
            let document = try await services.protocols.render(
                context.origin, protocolID: try context.parameters.id("id"), as: .html, linkedStyle: true)
            return HTML(text: String(decoding: document.bytes, as: UTF8.self))
        }
        routes.on("/protocols/{id}/sign", method: .post) { request, context in
            try requireCSRF(try await FormFields(request), context)
            _ = try await services.protocols.sign(context.origin, protocolID: try context.parameters.id("id"))
            return Response.redirect(to: "/jury?done=signed", type: .normal)
        }
        routes.get("/admin/results/{contest}/diplomas") { _, context in
            HTML(text: try await services.diplomas.render(context.origin, contestID: try context.parameters.id("contest"), linkedStyle: true))
        }
    }
}
