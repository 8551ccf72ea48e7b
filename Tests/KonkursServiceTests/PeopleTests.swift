import Foundation
import KonkursCore
import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Organisations, accounts, sign-in and the audit chain against a real database.
@Suite struct PeopleTests {
    static func services(_ database: Database) -> KonkursServices {
        var limits = AuthService.Limits()
        limits.failuresPerAccount = 3
        return KonkursServices(database: database, hasher: PasswordHasher(cost: 4), limits: limits)
    }

    let admin = KonkursServices.commandLine

    func withServices(_ body: (KonkursServices) async throws -> Void) async throws {
        let database = try await TestCluster.shared.migratedDatabase()
        try await database.withDatabase { try await body(Self.services($0)) }
    }

    /// An active account with a password, signed in: its actor.
    func account(_ services: KonkursServices, _ login: String, roles: [String], organisation: Int64? = nil) async throws -> Actor {
        let draft = try UserDraft.validated(login: login, fullName: "Тест \(login)", email: nil, organisationID: organisation, roles: roles)
        let (account, invitation) = try await services.users.add(admin, draft)
        _ = try await services.users.acceptInvitation(token: invitation, password: "верный-пароль-\(login)", origin: admin)
        return account.actor
    }

    @Test func anInvitationSetsThePasswordOnceAndThenLoginWorks() async throws {
        try await withServices { services in
            let draft = try UserDraft.validated(login: "Sekretar", fullName: "Секретарь", email: nil, organisationID: nil, roles: ["secretary"])
            let (account, invitation) = try await services.users.add(admin, draft)
            #expect(account.login == "sekretar")
            #expect(!account.hasPassword)
            await #expect(throws: ServiceError.invalidCredentials) { try await services.auth.login(login: "sekretar", password: "", address: nil) }
            await #expect(throws: InvalidInput.self) { try await services.users.acceptInvitation(token: invitation, password: "12345678", origin: admin) }
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
            try await services.database.client.query("UPDATE invitations SET expires_at = now() - interval '1 minute'", logger: services.database.logger)
            await #expect(throws: ServiceError.invitationInvalid) {
                try await services.users.acceptInvitation(token: invitation, password: "длинный пароль", origin: admin)
            }
        }
    }

    @Test func unknownLoginsAndWrongPasswordsGetTheSameAnswerAndAreThrottled() async throws {
        try await withServices { services in
            _ = try await account(services, "juror1", roles: ["juror"])
            await #expect(throws: ServiceError.invalidCredentials) { try await services.auth.login(login: "nobody", password: "x", address: "10.0.0.2") }
            for _ in 0..<3 {
                await #expect(throws: ServiceError.invalidCredentials) { try await services.auth.login(login: "juror1", password: "wrong", address: "10.0.0.2") }
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
            await #expect(throws: ServiceError.invalidCredentials) { try await services.auth.login(login: "coord1", password: "верный-пароль-coord1", address: nil) }
        }
    }

    @Test func aCoordinatorSeesOnlyTheirOwnOrganisation() async throws {
        try await withServices { services in
            let school = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 1 г. Амурска", shortName: "СОШ № 1", kind: .school))
            let garden = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБДОУ № 7", shortName: "ДОУ № 7", kind: .kindergarten))
            let coordinator = RequestOrigin(actor: try await account(services, "coord", roles: ["coordinator"], organisation: school.id))
            #expect(try await services.organisations.list(coordinator).map(\.id) == [school.id])
            #expect(try await services.organisations.get(coordinator, id: school.id) == school)
            // Another organisation and one that does not exist look the same.
            await #expect(throws: ServiceError.notFound) { try await services.organisations.get(coordinator, id: garden.id) }
            await #expect(throws: ServiceError.notFound) { try await services.organisations.get(coordinator, id: 999_999) }
            await #expect(throws: ServiceError.forbidden) {
                try await services.organisations.update(coordinator, id: school.id, OrganisationDraft(fullName: "x", shortName: "x", kind: .other))
            }
            let other = try await account(services, "coord2", roles: ["coordinator"], organisation: garden.id)
            await #expect(throws: ServiceError.notFound) { try await services.users.get(coordinator, id: other.userID) }
            #expect(try await services.users.list(coordinator).map(\.login) == ["coord"])
        }
    }

    @Test func importingOrganisationsReportsBadRowsAndImportsNothingPartially() async throws {
        try await withServices { services in
            let bad = InputFile(name: "orgs.csv", text: "full_name,short_name,kind\nМБОУ СОШ № 2,СОШ № 2,ОУ\nМБДОУ № 3,,ДОУ\nКлуб,Клуб,секция\n")
            do {
                _ = try await services.organisations.importCSV(admin, file: bad, skipBad: false)
                Issue.record("a file with bad rows was imported")
            } catch let error as InputError {
                #expect(error.problems.map(\.line) == [3, 4])
                #expect(error.problems[0].message.contains("Краткое название"))
            }
            #expect(try await services.organisations.list(admin).isEmpty)
            let report = try await services.organisations.importCSV(admin, file: bad, skipBad: true)
            #expect(report.imported == 1)
            #expect(report.skipped.count == 2)
            #expect(try await services.organisations.exportCSV(admin).contains("СОШ № 2,ОУ,Амурский муниципальный район,да"))
        }
    }

    @Test func importingUsersListsBadRowsByLineAndCreatesNothingPartially() async throws {
        try await withServices { services in
            _ = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            _ = try await account(services, "taken", roles: ["juror"])
            let file = InputFile(name: "users.csv", text: """
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

    @Test func everyChangeIsAuditedAndTamperingIsFoundAtItsRow() async throws {
        try await withServices { services in
            let school = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 5", shortName: "СОШ № 5", kind: .school))
            _ = try await services.organisations.setActive(admin, id: school.id, active: false)
            _ = try await account(services, "auditor", roles: ["observer"])
            let clean = try await services.audit.verify()
            #expect(clean.firstBroken == nil)
            #expect(clean.sealed == 4)  // organisation create and deactivate, user create and set password
            #expect(clean.unsealed == 0)
            let actions = try await services.audit.recent(admin).map(\.action)
            #expect(actions == ["user.set_password", "user.create", "organisation.deactivate", "organisation.create"])

            // The service cannot rewrite history…
            await #expect(throws: (any Error).self) {
                try await services.database.client.query("UPDATE audit_log SET action = 'x' WHERE seq = 2", logger: services.database.logger)
            }
            // …and a superuser who does is caught at that row.
            let logger = services.database.logger
            try await services.database.client.withConnection { connection in
                try await connection.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only", logger: logger)
                try await connection.query("UPDATE audit_log SET target = 'organisation:0' WHERE seq = 2", logger: logger)
                try await connection.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only", logger: logger)
            }
            let tampered = try await services.audit.verify()
            let second = try await services.database.client.query("SELECT id FROM audit_log WHERE seq = 2", logger: logger).decode(Int64.self).array()[0]
            #expect(tampered.firstBroken?.id == second)
            #expect(tampered.firstBroken?.reason == "содержимое записи изменено")
        }
    }

    @Test func concurrentWritersAllLandInTheChain() async throws {
        try await withServices { services in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await services.organisations.create(
                            KonkursServices.commandLine, OrganisationDraft(fullName: "Организация \(index)", shortName: "О-\(index)", kind: .other))
                    }
                }
                group.addTask { for _ in 0..<20 { try await services.audit.sealAll() } }
                try await group.waitForAll()
            }
            let verification = try await services.audit.verify()
            #expect(verification.firstBroken == nil)
            #expect(verification.sealed == 40)
        }
    }
}
