import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursStore
import KonkursTesting
import Logging
import NIOCore
import Prometheus

@testable import KonkursWeb

/// Runs `test` against the real router on `services`, without opening a socket.
func withApp<Result: Sendable>(
    services: KonkursServices,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Result
) async throws -> Result {
    let dependencies = WebDependencies(services: services, metrics: metrics, logger: TestCluster.logger)
    let app = Application(router: try await buildRouter(dependencies: dependencies), logger: TestCluster.logger)
    return try await app.test(.router, test)
}

/// A signed-in browser: pages with the session cookie, forms with its CSRF token.
struct Browser {
    let client: any TestClientProtocol
    let session: AuthService.Session

    func get(_ path: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: path, method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) {
            ($0.status, String(buffer: $0.body))
        }
    }

    func post(_ path: String, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String, String?) {
        let body = ([("csrf", session.csrfToken)] + fields).map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: path, method: .post, headers: [.cookie: "konkurs_session=\(session.token)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    /// A `multipart/form-data` form: the CSRF token, `fields`, then the file.
    func upload(_ path: String, fields: [(String, String)] = [], fileName: String, content: String, csrf: String? = nil) async throws
        -> (HTTPResponse.Status, String, String?)
    {
        let boundary = "----konkurs-test-boundary"
        let parts = ([("csrf", csrf ?? session.csrfToken)] + fields).map { name, value in
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        let body =
            parts.joined() + """
                --\(boundary)\r
                Content-Disposition: form-data; name="file"; filename="\(fileName)"\r
                Content-Type: application/pdf\r
                \r
                \(content)\r
                --\(boundary)--\r

                """
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: "konkurs_session=\(session.token)", .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }
}

/// An edition of `regulation` open for applications, one school, and one draft application of a
/// nominee with `surname` and `position` (as typed) in nomination `main`, all by the command line.
func openEditionWithDraft(
    _ services: KonkursServices, regulation: String, surname: String, position: String = "Учитель"
) async throws -> (contest: ContestEdition, school: Organisation, application: KonkursCore.Application) {
    let cli = KonkursServices.commandLine
    let contest = try await services.contests.create(cli, regulation: regulation, fileName: "r.yaml")
    _ = try await services.contests.schedule(cli, id: contest.id, opens: "2026-01-01 09:00", closes: "2099-01-01 09:00")
    _ = try await services.contests.transition(cli, id: contest.id, to: .announced)
    try await services.contests.applySchedule()
    let school = try await services.organisations.create(cli, OrganisationDraft(fullName: "Школа", shortName: "Школа", kind: .school))
    let member = KonkursCore.Application.Member(
        role: .nominee, surname: surname, name: "Анна", patronymic: nil, birthDate: "1990-01-01", position: position, subject: nil,
        experienceStart: "2015-09-01", category: nil, contacts: nil)
    let application = try await services.applications.create(
        cli, contestID: contest.id, nomination: "main", organisationID: school.id,
        content: .init(members: [member], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: []))
    return (contest, school, application)
}

/// A person with `roles` who has accepted their invitation (password `пароль-LOGIN-1`) and signed in
/// to the pages.
func signedInAccount(
    _ services: KonkursServices, login: String, roles: [String], organisation: Int64? = nil, fullName: String? = nil
) async throws -> AuthService.Session {
    let cli = KonkursServices.commandLine
    let (_, invitation) = try await services.users.add(
        cli, try UserDraft.validated(login: login, fullName: fullName ?? login, email: nil, organisationID: organisation, roles: roles))
    _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)-1", origin: cli)
    return try await services.auth.login(login: login, password: "пароль-\(login)-1", address: nil)
}
