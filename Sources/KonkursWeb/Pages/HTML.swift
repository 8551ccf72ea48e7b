import Hummingbird
import NIOCore

/// A rendered page.
struct HTML: ResponseGenerator {
    let text: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        plainResponse()
    }

    func plainResponse() -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
