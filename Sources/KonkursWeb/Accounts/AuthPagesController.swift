import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// Sign-in, sign-out, invitations and "my account".
struct AuthPagesController {
    let services: KonkursServices
    let pages: PageRenderer
    let secureCookies: Bool

    func addRoutes(to routes: Routes) {
        routes.get("/login", use: loginPage)
        routes.on("/login", method: .post, use: login)
        routes.on("/logout", method: .post, use: logout)
        routes.get("/start", use: startPage)
        routes.get("/account", use: accountPage)
        routes.on("/account/end-other-sessions", method: .post, use: endOtherSessions)
        routes.on("/account/password", method: .post, use: changePassword)
        routes.on("/account/tokens", method: .post, use: createToken)
        routes.on("/account/tokens/{id}/revoke", method: .post, use: revokeToken)
        routes.get("/invite/{token}", use: invitationPage)
        routes.on("/invite/{token}", method: .post, use: acceptInvitation)
    }

    static let loginCSRFCookie = "konkurs_login_csrf"

    struct LoginPage {
        let title = "Вход"
        let csrf: String
        let login: String
        let error: String?
        let version = Konkurs.version
    }

    struct AccountPage {
        let title = "Мой профиль"
        let session: PageSession?
        let fullName: String
        let login: String
        let roles: String
        let notice: String?
        let error: String?
        let newToken: String?
        let tokens: [TokenRow]
        let version = Konkurs.version

        struct TokenRow {
            let id: Int64
            let name: String
            let expires: String
            let live: Bool
        }
    }

    struct InvitePage {
        let title = "Установка пароля"
        let token: String
        let error: String?
        let done: Bool
        let version = Konkurs.version
    }

    /// The sign-in form.
    @Sendable func loginPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        if let actor = context.actor { return Response.redirect(to: PageSession.startPage(for: actor), type: .normal) }
        return try loginForm(login: "", error: nil, status: .ok)
    }

    /// Signs in and starts a browser session.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        guard let cookie = request.cookies[Self.loginCSRFCookie]?.value, !cookie.isEmpty, cookie == form["csrf"] else {
            return try loginForm(login: form["login"], error: "Форма устарела: обновите страницу и войдите ещё раз.", status: .forbidden)
        }
        do {
            let session = try await services.auth.login(login: form["login"], password: form["password"], address: context.address)
            var response = Response.redirect(to: PageSession.startPage(for: session.actor), type: .normal)
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.cookieName, value: session.token, expires: session.expiresAt, path: "/",
                    secure: secureCookies, httpOnly: true, sameSite: .lax))
            return response
        } catch let error as ServiceError {
            let status: HTTPResponse.Status = if case .tooManyAttempts = error { .tooManyRequests } else { .unauthorized }
            let message =
                if case .tooManyAttempts = error { "Слишком много неудачных попыток. " + error.message.capitalizedFirst } else {
                    "Неверный логин или пароль."
                }
            return try loginForm(login: form["login"], error: message, status: status)
        }
    }

    /// Ends the browser session.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        if let token = context.sessionToken { try await services.auth.logout(sessionToken: token) }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
        )
        return response
    }

    /// Sends a signed-in person to the page of their role.
    @Sendable func startPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        guard let actor = context.actor else { return Response.redirect(to: "/login", type: .normal) }
        return Response.redirect(to: PageSession.startPage(for: actor), type: .normal)
    }

    /// One's own account: password, sessions, API tokens.
    @Sendable func accountPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await account(context)
    }

    /// Ends every other session of the account.
    @Sendable func endOtherSessions(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        try await services.auth.endOtherSessions(context.origin, currentToken: context.sessionToken ?? "")
        return try await account(context, notice: "Другие сеансы завершены.")
    }

    /// Changes one's own password.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        guard form["new"] == form["repeat"] else {
            return try await account(context, error: "Новые пароли не совпадают.", status: .unprocessableContent)
        }
        do {
            try await services.account.changePassword(context.origin, current: form["current"], new: form["new"])
            return try await account(context, notice: "Пароль изменён; другие сеансы и все токены API завершены.")
        } catch let error as InvalidInput {
            return try await account(context, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        }
    }

    /// Creates an API token, shown once.
    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        do {
            let created = try await services.account.createToken(context.origin, name: form["name"], days: Int(form["days"]) ?? 0)
            return try await account(context, notice: "Токен создан. Скопируйте его сейчас: он больше не будет показан.", newToken: created.token)
        } catch let error as InvalidInput {
            return try await account(context, error: error.problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        }
    }

    /// Revokes one of one's API tokens.
    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try requireCSRF(try await FormFields(request), context)
        try await services.account.revokeToken(context.origin, id: try context.parameters.id("id"))
        return try await account(context, notice: "Токен отозван.")
    }

    /// The page of a one-time invitation link.
    @Sendable func invitationPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try pages.render("invite", InvitePage(token: try context.parameters.require("token"), error: nil, done: false))
    }

    /// Sets the password through an invitation.
    @Sendable func acceptInvitation(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let token = try context.parameters.require("token")
        let form = try await FormFields(request)
        guard form["password"] == form["repeat"] else {
            return try pages.render("invite", InvitePage(token: token, error: "Пароли не совпадают.", done: false), status: .unprocessableContent)
        }
        do {
            _ = try await services.users.acceptInvitation(token: token, password: form["password"], origin: context.origin)
            return try pages.render("invite", InvitePage(token: token, error: nil, done: true))
        } catch let error as InvalidInput {
            return try pages.render(
                "invite", InvitePage(token: token, error: error.problems.map(\.message).joined(separator: " "), done: false),
                status: .unprocessableContent)
        } catch ServiceError.invitationInvalid {
            return try pages.render(
                "invite", InvitePage(token: token, error: ServiceError.invitationInvalid.message.capitalizedFirst + ".", done: false),
                status: .gone)
        }
    }

    private func loginForm(login: String, error: String?, status: HTTPResponse.Status) throws -> Response {
        let csrf = Secrets.token()
        var response = try pages.render("login", LoginPage(csrf: csrf, login: login, error: error), status: status).plainResponse()
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: csrf, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    private func account(
        _ context: AppRequestContext, notice: String? = nil, error: String? = nil, newToken: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let actor = try context.origin.authorize(.viewOwnAccount, context.origin.ownAccount)
        let account = try await services.users.get(context.origin, id: actor.userID)
        let formatter = DateFormatter()
        formatter.dateFormat = "dd.MM.yyyy"
        let tokens = try await services.account.tokens(context.origin).map {
            AccountPage.TokenRow(id: $0.id, name: $0.name, expires: formatter.string(from: $0.expiresAt), live: !$0.revoked && $0.expiresAt > Date())
        }
        return try pages.render(
            "account",
            AccountPage(
                session: PageSession(context), fullName: account.fullName, login: account.login,
                roles: account.roles.sorted().map(\.title).joined(separator: ", "), notice: notice, error: error, newToken: newToken, tokens: tokens),
            status: status)
    }
}

/// Every state-changing form of a signed-in person carries the session's CSRF token.
func requireCSRF(_ form: FormFields, _ context: AppRequestContext) throws {
    guard let expected = context.csrfToken, form["csrf"] == expected else {
        throw HTTPError(.forbidden, message: "Форма устарела или отправлена с другого сайта: обновите страницу.")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
