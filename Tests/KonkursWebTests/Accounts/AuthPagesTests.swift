import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursStore
import KonkursTesting
import NIOCore
import Testing

/// Sign-in through the pages: CSRF, session fixation, throttling, logout, tokens.
@Suite struct AuthPagesTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A database with one active observer account `watcher` / `пароль-наблюдателя`.
    func withAccount(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withServices { services, database in
            let admin = KonkursServices.commandLine
            let (_, invitation) = try await services.users.add(
                admin, try UserDraft.validated(login: "watcher", fullName: "Наблюдатель", email: nil, organisationID: nil, roles: ["observer"]))
            _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-наблюдателя", origin: admin)
            try await withApp(services: services, test)
        }
    }

    /// GET /login, then POST the form with its CSRF cookie; returns the response.
    static func signIn(_ client: any TestClientProtocol, password: String, extraCookie: String? = nil) async throws -> TestResponse {
        let (cookie, token) = try await client.execute(uri: "/login", method: .get) { response in
            let setCookie = response.headers[.setCookie] ?? ""
            let value = setCookie.split(separator: ";")[0]
            let page = String(buffer: response.body)
            let token = page.split(separator: #"name="csrf" value=""#)[1].split(separator: "\"")[0]
            return (String(value), String(token))
        }
        var headers = form
        headers[.cookie] = [cookie, extraCookie].compactMap { $0 }.joined(separator: "; ")
        let body = "csrf=\(token)&login=watcher&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("konkurs_session=") }.map { String($0.split(separator: ";")[0]) }
    }

    @Test func signingInGivesANewSessionAndIgnoresAPlantedOne() async throws {
        try await withAccount { client in
            let planted = "konkurs_session=attacker-chosen-value"
            let response = try await Self.signIn(client, password: "пароль-наблюдателя", extraCookie: planted)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/admin/audit")
            let session = try #require(Self.sessionCookie(response))
            #expect(session != planted)
            let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("konkurs_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            // The planted value opens nothing; the new one does.
            #expect(try await client.execute(uri: "/account", method: .get, headers: [.cookie: planted]) { $0.status } == .seeOther)
            #expect(try await client.execute(uri: "/account", method: .get, headers: [.cookie: session]) { $0.status } == .ok)
            // A second sign-in gets yet another token.
            let again = try await Self.signIn(client, password: "пароль-наблюдателя")
            #expect(Self.sessionCookie(again) != session)
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        try await withAccount { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: Self.form, body: ByteBuffer(string: "login=watcher&password=пароль-наблюдателя"))
            #expect(login.status == .forbidden)
            let session = try #require(Self.sessionCookie(try await Self.signIn(client, password: "пароль-наблюдателя")))
            var headers = Self.form
            headers[.cookie] = session
            let logout = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "csrf=wrong"))
            #expect(logout.status == .forbidden)
            #expect(try await client.execute(uri: "/account", method: .get, headers: [.cookie: session]) { $0.status } == .ok)
        }
    }

    @Test func aWrongPasswordShowsTheRussianErrorAndRepeatedOnesAreThrottled() async throws {
        try await withAccount { client in
            let wrong = try await Self.signIn(client, password: "не тот")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Неверный логин или пароль."))
            for _ in 0..<4 { _ = try await Self.signIn(client, password: "не тот") }
            let throttled = try await Self.signIn(client, password: "пароль-наблюдателя")
            #expect(throttled.status == .tooManyRequests)
            #expect(String(buffer: throttled.body).contains("Слишком много неудачных попыток"))
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await withAccount { client in
            let session = try #require(Self.sessionCookie(try await Self.signIn(client, password: "пароль-наблюдателя")))
            let page = try await client.execute(uri: "/account", method: .get, headers: [.cookie: session]) { String(buffer: $0.body) }
            let csrf = page.split(separator: #"name="csrf" value=""#)[1].split(separator: "\"")[0]
            var headers = Self.form
            headers[.cookie] = session
            let logout = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(logout.status == .seeOther)
            #expect(try await client.execute(uri: "/account", method: .get, headers: [.cookie: session]) { $0.headers[.location] } == "/login")
        }
    }

    @Test func personalTokensAreShownOnceWorkAndCanBeRevoked() async throws {
        try await withAccount { client in
            let login = try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"login":"watcher","password":"пароль-наблюдателя"}"#)
            ) { String(buffer: $0.body) }
            let bearer = try #require(login.split(separator: #""token":""#).last?.split(separator: "\"").first)
            let auth: HTTPFields = [.authorization: "Bearer \(bearer)", .contentType: "application/json"]
            let created = try await client.execute(
                uri: "/api/v1/me/tokens", method: .post, headers: auth, body: ByteBuffer(string: #"{"name":"выгрузка","days":30}"#)
            ) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            let token = try #require(created.split(separator: #""token":""#).last?.split(separator: "\"").first)
            let id = try #require(created.split(separator: #""id":"#).last?.split(whereSeparator: { $0 == "," || $0 == "}" }).first)
            let personal: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: personal) { $0.status } == .ok)
            let list = try await client.execute(uri: "/api/v1/me/tokens", method: .get, headers: auth) { String(buffer: $0.body) }
            #expect(list.contains("выгрузка") && !list.contains(String(token)))
            #expect(try await client.execute(uri: "/api/v1/me/tokens/\(id)", method: .delete, headers: auth) { $0.status } == .noContent)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: personal) { $0.status } == .unauthorized)
        }
    }
}
