import Foundation
import KonkursCore
import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// The registry of organisations against a real database.
@Suite struct OrganisationTests: PeopleFixture {
    let admin = KonkursServices.commandLine

    @Test func aCoordinatorSeesOnlyTheirOwnOrganisation() async throws {
        try await withServices { services in
            let school = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБОУ СОШ № 1 г. Амурска", shortName: "СОШ № 1", kind: .school))
            let garden = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБДОУ № 7", shortName: "ДОУ № 7", kind: .kindergarten))
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
}
