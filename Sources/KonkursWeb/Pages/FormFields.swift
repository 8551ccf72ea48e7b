import Foundation
import Hummingbird

/// Fields of an `application/x-www-form-urlencoded` body (HTML forms), size-limited.
struct FormFields {
    private let values: [String: [String]]

    static let limit = 64 * 1024

    init(_ request: Request, limit: Int = Self.limit) async throws {
        let buffer = try await request.collectBody(within: limit)
        self.init(text: String(buffer: buffer))
    }

    init(text: String) {
        var values: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        self.values = values
    }

    /// Fields already read from another kind of form (a multipart upload's text fields).
    init(values: [String: String]) {
        self.values = values.mapValues { [$0] }
    }

    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    func all(_ name: String) -> [String] { values[name] ?? [] }
}
