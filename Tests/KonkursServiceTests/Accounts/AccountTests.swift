import Foundation
import KonkursCore
import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Accounts, invitations, sign-in and sessions against a real database.
@Suite struct AccountTests: PeopleFixture {
    let admin = KonkursServices.commandLine

    @Test func anInvitationSetsThePasswordOnceAndThenLoginWorks() async throws {
        try await withServices { services in
            let draft = try UserDraft.validated(login: "Sekretar", fullName: "Секретарь", email: nil, organisationID: nil, roles: ["secretary"])
            let (account, invitation) = try await services.users.add(admin, draft)
            #expect(account.login == "sekretar")
            #expect(!account.hasPassword)
            await #expect(throws: ServiceError.invalidCredentials) { try await services.auth.login(login: "sekretar", password: "", address: nil) }
            await #expect(throws: InvalidInput.self) {
                try await services.users.acceptInvitation(token: invitation, password: "12345678", origin: admin)
            }
            _ = try await services.users.acceptInvitation(token: invitation, password: "длинный пароль", origin: admin)
            await #expect(throws: ServiceError.invitationInvalid) {
                try await services.users.acceptInvitation(token: invitation, password: "другой пароль", origin: admin)
            }
            #expect(try await services.users.get(admin, login: " Sekretar").id == account.id)
            await #expect(throws: ServiceError.notFound) { try await services.users.get(admin, login: "nobody") }
            let session = try await services.auth.login(login: "SEKRETAR ", password: "длинный пароль", address: "10.0.0.1")
            #expect(session.actor.roles == [.secretary])
            #expect(try await services.auth.session(token: session.token)?.actor == session.actor)
            try await services.auth.logout(sessionToken: session.token)
            #expect(try await services.auth.session(token: session.token) == nil)
        }
    }

    @Test func anExpiredInvitationIsRefused() async throws {
        try await withServices { services in
            let draft = try UserDraft.validated(login: "late", fullName: "Опоздавший", email: nil, organisationID: nil, roles: ["juror"])
            let (_, invitation) = try await services.users.add(admin, draft)
            try await services.database.client.query(
                "UPDATE invitations SET expires_at = now() - interval '1 minute'", logger: services.database.logger)
            await #expect(throws: ServiceError.invitationInvalid) {
                try await services.users.acceptInvitation(token: invitation, password: "длинный пароль", origin: admin)
            }
        }
    }

    @Test func unknownLoginsAndWrongPasswordsGetTheSameAnswerAndAreThrottled() async throws {
        try await withServices { services in
            _ = try await account(services, "juror1", roles: ["juror"])
            await #expect(throws: ServiceError.invalidCredentials) {
                try await services.auth.login(login: "nobody", password: "x", address: "10.0.0.2")
            }
            for _ in 0..<3 {
                await #expect(throws: ServiceError.invalidCredentials) {
                    try await services.auth.login(login: "juror1", password: "wrong", address: "10.0.0.2")
                }
            }
            // The fourth try is refused even with the right password.
            await #expect(throws: ServiceError.tooManyAttempts(retryAfterSeconds: 900)) {
                try await services.auth.login(login: "juror1", password: "верный-пароль-juror1", address: "10.0.0.3")
            }
        }
    }

    @Test func disablingAUserEndsTheirSessionsAndTokens() async throws {
        try await withServices { services in
            let actor = try await account(services, "coord1", roles: ["observer"])
            let session = try await services.auth.login(login: "coord1", password: "верный-пароль-coord1", address: nil)
            let token = try await services.auth.apiLogin(login: "coord1", password: "верный-пароль-coord1", address: nil)
            #expect(try await services.auth.bearer(token: token.token) == actor)
            _ = try await services.users.setActive(admin, id: actor.userID, active: false)
            #expect(try await services.auth.session(token: session.token) == nil)
            #expect(try await services.auth.bearer(token: token.token) == nil)
            await #expect(throws: ServiceError.invalidCredentials) {
                try await services.auth.login(login: "coord1", password: "верный-пароль-coord1", address: nil)
            }
        }
    }

    @Test func importingUsersListsBadRowsByLineAndCreatesNothingPartially() async throws {
        try await withServices { services in
            _ = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            _ = try await account(services, "taken", roles: ["juror"])
            let file = InputFile(
                name: "users.csv",
                text: """
                    login,full_name,roles,email,organisation
                    ivanova,Иванова Мария,coordinator,,СОШ № 1
                    petrov,Петров Олег,juror;chair,petrov@example.ru,
                    taken,Кто-то,juror,,
                    sidorova,Сидорова,wizard,,
                    ivanova,Иванова дубль,juror,,
                    kim,Ким Анна,coordinator,,Нет такой
                    """)
            do {
                _ = try await services.users.importCSV(admin, file: file, skipBad: false)
                Issue.record("a file with bad rows was imported")
            } catch let error as InputError {
                #expect(error.problems.map(\.line) == [4, 5, 6, 7])
                #expect(error.problems[0].message == "логин «taken» уже занят")
                #expect(error.problems[1].message.contains("Неизвестная роль «wizard»"))
                #expect(error.problems[3].message.contains("Организация «Нет такой» не найдена"))
            }
            #expect(try await services.users.list(admin).map(\.login) == ["taken"])
            let report = try await services.users.importCSV(admin, file: file, skipBad: true)
            #expect(report.created.map(\.login) == ["ivanova", "petrov"])
            #expect(try await services.users.list(admin).first { $0.login == "petrov" }?.roles == [.juror, .chair])
        }
    }

    @Test func sessionsEndAfterIdleAndAbsoluteTimeoutsAndOnRequest() async throws {
        try await withServices { services in
            _ = try await account(services, "sessions", roles: ["juror"])
            let logger = services.database.logger
            let idle = try await services.auth.login(login: "sessions", password: "верный-пароль-sessions", address: nil)
            let old = try await services.auth.login(login: "sessions", password: "верный-пароль-sessions", address: nil)
            let current = try await services.auth.login(login: "sessions", password: "верный-пароль-sessions", address: nil)
            let other = try await services.auth.login(login: "sessions", password: "верный-пароль-sessions", address: nil)
            try await services.database.client.query(
                "UPDATE sessions SET last_seen_at = now() - interval '3 hours' WHERE token_hash = \(Secrets.digest(idle.token))", logger: logger)
            try await services.database.client.query(
                "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = \(Secrets.digest(old.token))", logger: logger)
            #expect(try await services.auth.session(token: idle.token) == nil)
            #expect(try await services.auth.session(token: old.token) == nil)
            #expect(try await services.auth.session(token: other.token) != nil)
            try await services.auth.endOtherSessions(RequestOrigin(actor: current.actor), currentToken: current.token)
            #expect(try await services.auth.session(token: other.token) == nil)
            #expect(try await services.auth.session(token: current.token) != nil)
        }
    }

    @Test func anAdministratorCannotDisableThemselves() async throws {
        try await withServices { services in
            let admin = RequestOrigin(actor: try await account(services, "boss", roles: ["admin"]))
            await #expect(throws: ServiceError.conflict("нельзя отключить собственную учётную запись")) {
                try await services.users.setActive(admin, id: admin.actor!.userID, active: false)
            }
        }
    }
}
