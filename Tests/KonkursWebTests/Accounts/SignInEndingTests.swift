import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursTesting
import NIOCore
import Testing

@testable import KonkursWeb

/// What ends what: a password change keeps only the sign-in that made it; an administrator's reset
/// ends every session, token and earlier link; invitations and resets have API routes.
@Suite struct SignInEndingTests {
    /// Answers `path` with the bearer token or session cookie given.
    func status(_ client: any TestClientProtocol, _ path: String, token: String? = nil, cookie: String? = nil) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = "konkurs_session=\(cookie)" }
        return try await client.execute(uri: path, method: .get, headers: headers) { $0.status }
    }

    func json(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String?, _ body: String) async throws
        -> (HTTPResponse.Status, [String: Any])
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, (try? JSONSerialization.jsonObject(with: Data(String(buffer: $0.body).utf8)) as? [String: Any]) ?? [:])
        }
    }

    @Test func aPasswordChangeThroughAPIKeepsOnlyTheTokenThatMadeIt() async throws {
        try await withServices { services, database in
            let session = try await signedInAccount(services, login: "juror1", roles: ["juror"])
            let making = try await services.auth.apiLogin(login: "juror1", password: "пароль-juror1-1", address: nil).token
            let owner = RequestOrigin(actor: session.actor)
            let longLived = try await services.account.createToken(owner, name: "интеграция", days: 365).token
            try await withApp(services: services) { client in
                #expect(try await status(client, "/api/v1/me", token: longLived) == .ok)
                let changed = try await json(
                    client, .post, "/api/v1/me/password", token: making, #"{"current":"пароль-juror1-1","new":"новый-пароль-1"}"#)
                #expect(changed.0 == .noContent)
                #expect(try await status(client, "/api/v1/me", token: making) == .ok, "the token that made the change")
                #expect(try await status(client, "/api/v1/me", token: longLived) == .unauthorized, "a 365-day token ends too")
                #expect(try await status(client, "/account", cookie: session.token) == .seeOther, "the browser session ends")
                let minted = try await json(client, .post, "/api/v1/me/tokens", token: longLived, #"{"name":"ещё","days":30}"#)
                #expect(minted.0 == .unauthorized, "an ended token mints nothing")
            }
        }
    }

    @Test func aPasswordChangeOnThePageKeepsOnlyThatSession() async throws {
        try await withServices { services, database in
            let session = try await signedInAccount(services, login: "juror1", roles: ["juror"])
            let other = try await services.auth.login(login: "juror1", password: "пароль-juror1-1", address: nil)
            let token = try await services.auth.apiLogin(login: "juror1", password: "пароль-juror1-1", address: nil).token
            try await withApp(services: services) { client in
                let browser = Browser(client: client, session: session)
                let (changed, page, _) = try await browser.post(
                    "/account/password", [("current", "пароль-juror1-1"), ("new", "новый-пароль-1"), ("repeat", "новый-пароль-1")])
                #expect(changed == .ok && page.contains("все токены API завершены"))
                #expect(try await status(client, "/account", cookie: session.token) == .ok)
                #expect(try await status(client, "/account", cookie: other.token) == .seeOther)
                #expect(try await status(client, "/api/v1/me", token: token) == .unauthorized)
            }
        }
    }

    @Test func aResetEndsEverythingAndTheNewLinkWorksThroughTheAPIOnce() async throws {
        try await withServices { services, database in
            try await services.links.announce(try #require(PublicAddress("https://konkurs.example.ru/")))
            _ = try await signedInAccount(services, login: "chief", roles: ["admin"])
            let admin = try await services.auth.apiLogin(login: "chief", password: "пароль-chief-1", address: nil).token
            let session = try await signedInAccount(services, login: "juror1", roles: ["juror"])
            let token = try await services.auth.apiLogin(login: "juror1", password: "пароль-juror1-1", address: nil).token
            let juror = try await services.users.get(KonkursServices.commandLine, login: "juror1")
            let earlier = try await services.users.resetPassword(KonkursServices.commandLine, id: juror.id)
            #expect(try await services.auth.bearer(token: token) == nil, "the command line's reset ends the tokens too")
            let fresh = try await services.auth.apiLogin(login: "chief", password: "пароль-chief-1", address: nil).token
            try await withApp(services: services) { client in
                #expect(try await status(client, "/account", cookie: session.token) == .seeOther)
                let reset = try await json(client, .post, "/api/v1/users/\(juror.id)/reset-password", token: admin, "")
                #expect(reset.0 == .ok)
                let url = try #require(reset.1["invitation_url"] as? String)
                let path = try #require(reset.1["invitation_path"] as? String)
                #expect(url == "https://konkurs.example.ru" + path, "links start with the public address")
                let newToken = String(path.dropFirst("/invite/".count))

                let refused = try await json(client, .post, "/api/v1/users/\(juror.id)/reset-password", token: token, "")
                #expect(refused.0 == .unauthorized)
                let chief = try await services.users.get(KonkursServices.commandLine, login: "chief")
                let own = try await json(client, .post, "/api/v1/users/\(chief.id)/reset-password", token: admin, "")
                #expect(own.0 == .conflict, "one's own password is changed, not reset")
                #expect(try await status(client, "/api/v1/me", token: admin) == .ok)
                let stale = try await json(
                    client, .post, "/api/v1/auth/invitation", token: nil, #"{"token":"\#(earlier)","password":"новый-пароль-1"}"#)
                #expect(stale.0 == .gone, "a reset voids the links before it")
                let mistyped = String(repeating: "x", count: 201)
                let overlong = try await json(
                    client, .post, "/api/v1/auth/invitation", token: nil, #"{"token":"\#(mistyped)","password":"новый-пароль-1"}"#)
                #expect(overlong.0 == .unprocessableContent, "a token longer than the document allows is bad input, not an expired link")
                let weak = try await json(client, .post, "/api/v1/auth/invitation", token: nil, #"{"token":"\#(newToken)","password":"123"}"#)
                #expect(weak.0 == .unprocessableContent)
                let accepted = try await json(
                    client, .post, "/api/v1/auth/invitation", token: nil, #"{"token":"\#(newToken)","password":"новый-пароль-1"}"#)
                #expect(accepted.0 == .ok && accepted.1["login"] as? String == "juror1")
                let again = try await json(
                    client, .post, "/api/v1/auth/invitation", token: nil, #"{"token":"\#(newToken)","password":"новый-пароль-2"}"#)
                #expect(again.0 == .gone)
                let login = try await json(client, .post, "/api/v1/auth/login", token: nil, #"{"login":"juror1","password":"новый-пароль-1"}"#)
                #expect(login.0 == .ok)
                let forbidden = try await json(client, .post, "/api/v1/users/\(juror.id)/reset-password", token: login.1["token"] as? String, "")
                #expect(forbidden.0 == .forbidden, "only an administrator resets")
                #expect(try await status(client, "/api/v1/me", token: fresh) == .ok, "other accounts keep their sign-ins")
            }
        }
    }
}
