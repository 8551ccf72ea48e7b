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
        let document = document
        routes.get("/api/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: document))
        }
    }
}
