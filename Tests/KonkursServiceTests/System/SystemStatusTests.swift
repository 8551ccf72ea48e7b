import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

@Suite struct SystemStatusTests {
    @Test func readyWhenTheDatabaseAnswers() async throws {
        let database = try await TestCluster.shared.migratedDatabase()
        try await database.withDatabase { database in
            #expect(await SystemStatus(database: database).readiness() == .ready)
        }
    }

    @Test func notReadyWhenNoDatabaseListens() async throws {
        let configuration = PostgresClient.Configuration(
            unixSocketPath: "/nonexistent/.s.PGSQL.5432", username: "postgres", password: nil, database: "none")
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestCluster.logger)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let database = Database(client: client, logger: TestCluster.logger, description: "нигде")
            #expect(await SystemStatus(database: database).readiness(timeout: .milliseconds(500)) == .databaseUnavailable)
            group.cancelAll()
        }
    }
}
