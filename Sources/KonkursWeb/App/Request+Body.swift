import Hummingbird
import NIOCore

extension Request {
    /// The whole body, at most `limit` bytes. A body that announces more (`Content-Length: 10 GB`)
    /// is refused with 413 at once, before a byte of it is awaited; one that sends more than it
    /// announced is refused at the first byte past the limit.
    func collectBody(within limit: Int) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge, message: "тело запроса (\(declared) байт) больше, чем принимает этот адрес (\(limit) байт)")
        }
        var request = self
        return try await request.collectBody(upTo: limit)
    }
}
