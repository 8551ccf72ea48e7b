import Foundation
import KonkursCore
import KonkursStore
import KonkursTesting
import PostgresNIO
import Testing

@testable import KonkursService

/// A stored value this version cannot read is an error naming the row, never a default: an older
/// instance during an upgrade must not read a newer phase as a draft and act on it.
@Suite struct StoredValueTests {
    let admin = KonkursServices.commandLine

    @Test func anUnknownPhaseIsAnErrorNamingTheRowNotADraft() async throws {
        try await withServices { services, database in
            let contest = try await services.contests.create(admin, regulation: try Repository.regulation("vozhatyi-goda"), fileName: "r.yaml")
            // What a newer version could write: a phase this one does not know.
            try await database.client.query("ALTER TABLE contests DROP CONSTRAINT contests_phase_check", logger: TestCluster.logger)
            try await database.client.query("UPDATE contests SET phase = 'jury_meeting' WHERE id = \(contest.id)", logger: TestCluster.logger)
            await #expect(throws: StoredValueError(table: "contests", column: "phase", id: contest.id, value: "jury_meeting")) {
                try await services.contests.get(admin, id: contest.id)
            }
            await #expect(throws: StoredValueError.self, "the list does not skip it either") { try await services.contests.list(admin) }
        }
    }

    @Test func storedJSONOfTheWrongShapeIsAnErrorNamingTheColumn() async throws {
        try await withServices { services, database in
            let contest = try await services.contests.create(admin, regulation: try Repository.regulation("vozhatyi-goda"), fileName: "r.yaml")
            try await database.client.query("UPDATE contests SET not_held = '[1, 2]' WHERE id = \(contest.id)", logger: TestCluster.logger)
            await #expect(throws: StoredValueError(table: "contests", column: "not_held", id: contest.id, value: "[1, 2]")) {
                try await services.contests.get(admin, id: contest.id)
            }
        }
    }
}
