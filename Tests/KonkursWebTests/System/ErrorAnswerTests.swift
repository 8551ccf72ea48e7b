import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursStore
import KonkursTesting
import PostgresNIO
import Testing

@testable import KonkursWeb

/// Every answer is a real answer: a failure the doors did not foresee is a 500 with a Russian message,
/// the request id and the security headers; nothing personal is cached; the site has an icon; and a
/// reloaded form address shows its page.
@Suite struct ErrorAnswerTests {
    @Test func aDatabaseFailureIsAnsweredInJSONAndOnAPageWithTheRequestID() async throws {
        try await withServices { services, database in
            let session = try await signedInAccount(services, login: "reader", roles: ["admin"])
            let token = try await services.auth.apiLogin(login: "reader", password: "пароль-reader-1", address: nil).token
            // A real failure under the use case: the registry's table is gone.
            try await database.client.query("ALTER TABLE organisations RENAME TO organisations_gone", logger: TestCluster.logger)
            try await withApp(services: services) { client in
                try await client.execute(uri: "/api/v1/organisations", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                    #expect(response.status == .internalServerError)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let body = String(buffer: response.body)
                    #expect(body.contains("внутренняя ошибка сервиса") && body.contains(id), "\(body)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.cacheControl] == "no-store")
                }
                try await client.execute(
                    uri: "/admin/organisations", method: .get, headers: [.cookie: "konkurs_session=\(session.token)", .accept: "text/html"]
                ) { response in
                    let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                    #expect(response.status == .internalServerError)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(String(buffer: response.body).contains("Внутренняя ошибка") && String(buffer: response.body).contains(id))
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                }
            }
        }
    }

    @Test func bodilessErrorsGetAMessageAndPersonalAnswersAreNotCached() async throws {
        try await withServices { services, database in
            _ = try await signedInAccount(services, login: "reader", roles: ["admin"])
            let token = try await services.auth.apiLogin(login: "reader", password: "пароль-reader-1", address: nil).token
            try await withApp(services: services) { client in
                try await client.execute(uri: "/api/v1/no-such-thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("адрес не найден"))
                }
                // A body over the route's limit: NIO's bodiless 413 becomes a JSON answer.
                let large = ByteBuffer(repeating: UInt8(ascii: " "), count: 5 * 1024 * 1024)
                try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"], body: large) {
                    response in
                    #expect(response.status == .contentTooLarge)
                    #expect(String(buffer: response.body).contains("больше"))
                }
                for path in ["/api/v1/users", "/api/v1/me", "/api/v1/me/tokens"] {
                    try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                        #expect(response.status == .ok && response.headers[.cacheControl] == "no-store", "\(path)")
                    }
                }
                try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"login":"reader","password":"пароль-reader-1"}"#)
                ) { response in
                    #expect(response.status == .ok && response.headers[.cacheControl] == "no-store")
                }
                let session = try await services.auth.login(login: "reader", password: "пароль-reader-1", address: nil)
                for page in ["/account", "/admin/users"] {
                    try await client.execute(uri: page, method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) { response in
                        #expect(response.status == .ok && response.headers[.cacheControl] == "no-store", "\(page)")
                    }
                }
                try await client.execute(uri: "/static/site.css", method: .get) { response in
                    #expect(response.headers[.cacheControl]?.contains("max-age") == true, "static files keep their caching")
                }
                try await client.execute(uri: "/favicon.ico", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(Array(response.body.readableBytesView.prefix(4)) == [0, 0, 1, 0], "an ICO file")
                }
            }
        }
    }

    @Test func reloadingTheAddressAFormPostedToShowsItsPage() async throws {
        try await withServices { services, database in
            let session = try await signedInAccount(services, login: "reader", roles: ["admin"])
            try await withApp(services: services) { client in
                let browser = Browser(client: client, session: session)
                try await client.execute(uri: "/applications/12/submit", method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) {
                    #expect($0.status == .seeOther && $0.headers[.location] == "/applications/12")
                }
                try await client.execute(uri: "/admin/users/3/reset-password", method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) {
                    #expect($0.status == .seeOther && $0.headers[.location] == "/admin/users")
                }
                let (status, _) = try await browser.get("/admin/users")
                #expect(status == .ok)
                try await client.execute(uri: "/api/v1/users/3/disable", method: .get) { response in
                    #expect(response.status == .methodNotAllowed && response.headers[.allow] == "POST", "the API keeps its 405")
                }
            }
        }
    }
}
