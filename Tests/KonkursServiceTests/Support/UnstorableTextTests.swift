import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// A NUL character that slips past every field check (schemathesis found two: an appeal decision and
/// a panel member's login) is refused as input, in reads and in transactions alike.
@Suite struct UnstorableTextTests {
    @Test func aNulCharacterIsRefusedInputNotAServerFailure() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let regulation = try String(
                contentsOf: ApplicationServiceTests.root.appendingPathComponent("Database/regulations/vozhatyi-goda.yaml"), encoding: .utf8)
            let contest = try await services.contests.create(cli, regulation: regulation, fileName: "r.yaml")
            let panel = try await services.jury.createPanel(
                cli, contestID: contest.id, title: "Жюри", stage: nil, nomination: nil, orderNumber: "1", orderDate: nil)
            let error = await #expect(throws: InvalidInput.self) {
                try await services.jury.setMember(cli, panelID: panel.id, login: "juror\u{0}x", role: .member, organisationID: nil)
            }
            #expect(error?.message.contains("NUL") == true)
            await #expect(throws: InvalidInput.self) { try await services.users.get(cli, login: "a\u{0}b") }
            #expect(try await services.jury.panels(cli, contestID: contest.id).first?.members.isEmpty == true, "nothing written")
        }
    }
}
