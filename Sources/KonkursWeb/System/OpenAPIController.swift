import Foundation
import Hummingbird
import NIOCore

/// Serves the OpenAPI 3.1 document that describes every API route (`Resources/openapi.yaml`).
struct OpenAPIController {
    let document: ByteBuffer

    init(documentPath: String) throws {
        document = ByteBuffer(string: try String(contentsOfFile: documentPath, encoding: .utf8))
    }

    func addRoutes(to routes: Routes) {
        routes.get("/api/openapi.yaml", use: openAPIDocument)
    }

    /// The document itself, as YAML.
    @Sendable func openAPIDocument(_ _: Request, context _: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: document))
    }
}
