import Foundation
import Hummingbird
import NIOCore

/// A file sent as a download, never shown inline: `Content-Disposition: attachment` with the name in
/// RFC 6266 form (an ASCII fallback and the UTF-8 original), and a sandbox so that even a browser that
/// ignored the disposition would not run anything in our origin.
struct Download: ResponseGenerator {
    let fileName: String
    let contentType: String
    let body: ByteBuffer

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentDisposition: Self.disposition(fileName), .contentSecurityPolicy: "sandbox",
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: body))
    }

    static func disposition(_ fileName: String) -> String {
        let fallback = String(
            fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && !"\"\\;%".unicodeScalars.contains($0) ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .rfc5987) ?? "file"
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension CharacterSet {
    /// `attr-char` of RFC 5987: what may stand unencoded in `filename*`.
    static let rfc5987 = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
}
