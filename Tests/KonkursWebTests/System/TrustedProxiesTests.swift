import Testing

@testable import KonkursWeb

/// Behind nginx the client is the address our proxy appended to `X-Forwarded-For`; nobody else's
/// word for it is taken.
@Suite struct TrustedProxiesTests {
    static func proxies(_ entries: String...) throws -> TrustedProxies { try TrustedProxies.parse(entries).get() }

    @Test func aTrustedProxyNamesTheClientItSaw() throws {
        let nginx = try Self.proxies("172.16.0.0/12", "::1")
        #expect(nginx.client(peer: "172.18.0.5", forwardedFor: "198.51.100.7") == "198.51.100.7")
        #expect(nginx.client(peer: "::1", forwardedFor: "198.51.100.7") == "198.51.100.7")
        // A client's own claim sits left of what our proxy appended and is never reached.
        #expect(nginx.client(peer: "172.18.0.5", forwardedFor: "10.9.9.9, 203.0.113.4") == "203.0.113.4")
        // Proxies chained inside the trusted range are skipped.
        #expect(nginx.client(peer: "172.18.0.5", forwardedFor: "203.0.113.4, 172.18.0.9") == "203.0.113.4")
    }

    @Test func anyoneElseSpeaksOnlyForThemselves() throws {
        let nginx = try Self.proxies("10.0.0.1")
        #expect(nginx.client(peer: "198.51.100.7", forwardedFor: "10.0.0.1") == "198.51.100.7")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: "198.51.100.7") == "127.0.0.1")
        #expect(nginx.client(peer: "10.0.0.1", forwardedFor: nil) == "10.0.0.1")
        #expect(nginx.client(peer: "10.0.0.1", forwardedFor: "not-an-address") == "10.0.0.1", "garbage is not an address")
    }

    @Test func rangesAndAddressesAreParsedOrTheBadOneIsNamed() throws {
        let ranges = try Self.proxies("10.0.0.0/8, 192.168.1.7")
        #expect(ranges.contains("10.255.0.1") && !ranges.contains("11.0.0.1") && ranges.contains("192.168.1.7") && !ranges.contains("192.168.1.8"))
        #expect(try Self.proxies("0.0.0.0/0").contains("203.0.113.4"))
        for bad in ["10.0.0.0/33", "300.1.1.1", "nginx", "10.0.0/8", "nginx:80"] {
            #expect(throws: TrustedProxies.BadEntry(entry: bad)) { try TrustedProxies.parse([bad]).get() }
        }
        #expect(try Self.proxies("") == .none)
        #expect(try Self.proxies("fd00::1, ::ffff:10.0.0.1").contains("fd00::1"))
    }
}
