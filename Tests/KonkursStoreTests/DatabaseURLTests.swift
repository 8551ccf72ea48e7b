import Testing

@testable import KonkursStore

@Suite struct DatabaseURLTests {
    @Test func parsesEveryPart() throws {
        let url = try DatabaseURL("postgres://konkurs:s%40cret@db.local:6543/contests?sslmode=disable")
        #expect(url.host == "db.local")
        #expect(url.port == 6543)
        #expect(url.username == "konkurs")
        #expect(url.password == "s@cret")
        #expect(url.database == "contests")
        #expect(url.tls == .disable)
        #expect(url.redacted == "postgres://konkurs@db.local:6543/contests")
    }

    @Test func defaultsToPort5432AndPreferredTLS() throws {
        let url = try DatabaseURL("postgresql://u@h/d")
        #expect(url.port == 5432)
        #expect(url.tls == .prefer)
        #expect(url.password == nil)
    }

    @Test(arguments: [
        ("http://u@h/d", "схема"),
        ("postgres://h/d", "пользователь"),
        ("postgres://u@h", "имя базы"),
        ("postgres://u@h:70000/d", "порт"),
        ("postgres://u@h/d?sslmode=maybe", "sslmode"),
        ("not a url at all", "схема"),
    ])
    func rejectsMalformedAddressesWithAReason(text: String, mentions: String) {
        #expect {
            try DatabaseURL(text)
        } throws: { error in
            guard let error = error as? DatabaseError, case .malformedURL = error else { return false }
            return error.message.contains(mentions) && error.message.contains("DATABASE_URL")
        }
    }

    @Test func urlWinsOverTheEmbeddedClusterOnlyWhenSet() throws {
        #expect(try DatabaseTarget.resolve(databaseURL: nil, dataDirectory: "/d") == .embedded(dataDirectory: "/d"))
        #expect(try DatabaseTarget.resolve(databaseURL: "  ", dataDirectory: "/d") == .embedded(dataDirectory: "/d"))
        #expect(try DatabaseTarget.resolve(databaseURL: "postgres://u@h/db", dataDirectory: "/d") == .external(DatabaseURL("postgres://u@h/db")))
    }
}
