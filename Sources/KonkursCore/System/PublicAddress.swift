import Foundation

/// Where people reach the service (`--public-url`, behind a proxy its https address): every link
/// Konkurs prints or sends starts here, so a link works for whoever opens it.
public struct PublicAddress: Sendable, Equatable, CustomStringConvertible {
    /// Scheme, host, optional port and path prefix, without a trailing slash.
    public let base: String

    /// An http(s) address with a host and nothing after the path; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard let parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = parts.host, !host.isEmpty, parts.query == nil, parts.fragment == nil, parts.user == nil
        else { return nil }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// The address a service listening on `host:port` answers at (`0.0.0.0` is reached as the loopback).
    public static func listening(host: String, port: Int) -> PublicAddress {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        return PublicAddress("http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)")!
    }

    /// `path` (starting with «/») under this address.
    public func link(_ path: String) -> String { base + path }

    /// The one-time link that sets a password.
    public func invitation(_ token: String) -> String { link("/invite/\(token)") }

    public var description: String { base }
}
