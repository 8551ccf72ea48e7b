import Foundation
import KonkursCore
import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// The audit chain against a real database.
@Suite struct AuditTests: PeopleFixture {
    let admin = KonkursServices.commandLine

    @Test func everyChangeIsAuditedAndTamperingIsFoundAtItsRow() async throws {
        try await withServices { services in
            let school = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБОУ СОШ № 5", shortName: "СОШ № 5", kind: .school))
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
            let second = try await services.database.client.query("SELECT id FROM audit_log WHERE seq = 2", logger: logger).decode(Int64.self)
                .array()[0]
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
