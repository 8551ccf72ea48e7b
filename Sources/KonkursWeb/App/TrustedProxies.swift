import Hummingbird
import KonkursCore

/// The proxies whose `X-Forwarded-For` is believed: exact addresses or IPv4 ranges (`10.0.0.0/8`).
/// Empty by default: a client can then claim no address but its own.
public struct TrustedProxies: Sendable, Equatable {
    private var addresses: Set<String> = []
    private var ranges: [(network: UInt32, mask: UInt32)] = []

    public static let none = TrustedProxies()

    private init() {}

    /// Parses `KONKURS_TRUSTED_PROXIES` / `--trusted-proxy` entries (comma-separated too); a failure names the first bad one.
    public static func parse(_ entries: [String]) -> Result<TrustedProxies, BadEntry> {
        var proxies = TrustedProxies()
        for entry in entries.flatMap({ $0.split(separator: ",") }).map(\.trimmingSpaces) where !entry.isEmpty {
            if let slash = entry.firstIndex(of: "/") {
                guard let network = ipv4(String(entry[..<slash])), let bits = Int(entry[entry.index(after: slash)...]), (0...32).contains(bits) else {
                    return .failure(BadEntry(entry: entry))
                }
                let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
                proxies.ranges.append((network & mask, mask))
            } else {
                guard isAddress(entry) else { return .failure(BadEntry(entry: entry)) }
                proxies.addresses.insert(entry)
            }
        }
        return .success(proxies)
    }

    public struct BadEntry: Error, Equatable {
        public let entry: String
    }

    public func contains(_ address: String) -> Bool {
        if addresses.contains(address) { return true }
        guard let value = Self.ipv4(address) else { return false }
        return ranges.contains { value & $0.mask == $0.network }
    }

    /// The client as the trusted proxies report it: walking `X-Forwarded-For` from the right (the
    /// entry our own proxy appended), the first address that is not a trusted proxy. Anything a
    /// client wrote further left is never reached past an untrusted hop.
    public func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, contains(peer), let forwardedFor else { return peer }
        var client = peer
        for hop in forwardedFor.split(separator: ",").reversed().map(\.trimmingSpaces) {
            guard Self.isAddress(hop) else { break }
            client = hop
            if !contains(hop) { break }
        }
        return client
    }

    /// An IPv4 address, or text shaped like an IPv6 one (hex digits and colons): a host name such
    /// as `nginx:80` is refused rather than kept as an address nothing will ever match.
    static func isAddress(_ text: String) -> Bool {
        if ipv4(text) != nil { return true }
        return text.filter { $0 == ":" }.count >= 2 && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    public static func == (lhs: TrustedProxies, rhs: TrustedProxies) -> Bool {
        lhs.addresses == rhs.addresses && lhs.ranges.elementsEqual(rhs.ranges) { $0 == $1 }
    }
}
