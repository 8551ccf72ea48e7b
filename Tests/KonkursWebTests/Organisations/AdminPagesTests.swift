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

/// The department's pages, driven as a browser would: forms with the session's CSRF token.
@Suite struct AdminPagesTests {
    @Test func anAdministratorManagesOrganisationsAndUsersThroughThePages() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let (admin, invitation) = try await services.users.add(
                cli, try UserDraft.validated(login: "boss", fullName: "Администратор", email: nil, organisationID: nil, roles: ["admin"]))
            _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-начальника", origin: cli)
            let session = try await services.auth.login(login: "boss", password: "пароль-начальника", address: nil)
            try await withApp(services: services) { client in
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "konkurs_session=\(session.token)"]
                func post(_ path: String, _ fields: String) async throws -> (HTTPResponse.Status, String) {
                    try await client.execute(
                        uri: path, method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(session.csrfToken)&\(fields)")
                    ) {
                        ($0.status, String(buffer: $0.body))
                    }
                }
                let created = try await post("/admin/organisations", "full_name=МБОУ+СОШ+№+9&short_name=СОШ+№+9&kind=school")
                #expect(created.0 == .ok)
                #expect(created.1.contains("Организация «СОШ № 9» добавлена."))
                let id = try #require(try await services.organisations.list(cli).first?.id)
                let duplicate = try await post("/admin/organisations", "full_name=Другая&short_name=СОШ+№+9&kind=ОУ")
                #expect(duplicate.0 == .conflict)
                #expect(duplicate.1.contains("уже есть в реестре"))
                let edited = try await post("/admin/organisations/\(id)", "full_name=МБОУ+СОШ+№+9+г.+Амурска&short_name=СОШ+№+9&kind=ОУ&district=")
                #expect(edited.1.contains("сохранена"))
                _ = try await post("/admin/organisations/\(id)/active", "active=false")
                #expect(try await services.organisations.get(cli, id: id).active == false)

                let user = try await post("/admin/users", "login=juror7&full_name=Член+жюри&roles=juror&roles=chair")
                #expect(user.0 == .ok)
                #expect(user.1.contains("/invite/"))
                let juror = try #require(try await services.users.list(cli).first { $0.login == "juror7" })
                #expect(juror.roles == [.juror, .chair])
                let badRole = try await post("/admin/users", "login=x1y&full_name=Кто&roles=wizard")
                #expect(badRole.0 == .unprocessableContent)
                #expect(badRole.1.contains("Неизвестная роль"))
                _ = try await post("/admin/users/\(juror.id)/disable", "")
                #expect(try await services.users.get(cli, id: juror.id).active == false)
                let me = try await post("/admin/users/\(admin.id)/disable", "")
                #expect(me.0 == .conflict)
                // Without the CSRF token nothing changes.
                headers[.contentType] = "application/x-www-form-urlencoded"
                let forged = try await client.execute(
                    uri: "/admin/organisations", method: .post, headers: headers, body: ByteBuffer(string: "full_name=A&short_name=B&kind=ОУ")
                ) { $0.status }
                #expect(forged == .forbidden)
                #expect(try await services.organisations.list(cli).count == 1)
            }
        }
    }

    @Test func pagesSendStrangersToTheLoginPageAndRefuseTheWrongRole() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let (_, invitation) = try await services.users.add(
                cli, try UserDraft.validated(login: "judge", fullName: "Жюри", email: nil, organisationID: nil, roles: ["juror"]))
            _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-жюри", origin: cli)
            let session = try await services.auth.login(login: "judge", password: "пароль-жюри", address: nil)
            try await withApp(services: services) { client in
                let stranger = try await client.execute(uri: "/admin/users", method: .get) { ($0.status, $0.headers[.location]) }
                #expect(stranger.0 == .seeOther && stranger.1 == "/login")
                let juror = try await client.execute(uri: "/admin/users", method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) {
                    ($0.status, String(buffer: $0.body))
                }
                #expect(juror.0 == .forbidden)
                #expect(juror.1.contains("<h1>Нет доступа</h1>"))
            }
        }
    }
}
