import Foundation

/// A link a person gives on an application (a video, a practice's page): a whole http(s) address
/// with a host, no spaces or control characters, not longer than a form field holds.
public enum WebLink {
    public static let limit = 500

    public static func isValid(_ text: String) -> Bool {
        guard text.count <= limit, !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
            let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host?.isEmpty == false
        else { return false }
        return true
    }
}
