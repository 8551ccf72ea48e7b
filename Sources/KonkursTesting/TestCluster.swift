import Foundation
import KonkursStore
import Logging
import PostgresNIO

/// One throwaway PostgreSQL cluster per test process, started with the same launcher as `konkurs serve`.
///
/// The schema is migrated once into a template database; every test gets a fresh copy of it
/// (`CREATE DATABASE … TEMPLATE`), so tests are isolated and can run in parallel. The cluster and its
/// temporary folder are removed by the launcher's watchdog when the test process exits.
public actor TestCluster {
    public static let shared = TestCluster()

    static let templateName = "konkurs_template"

    private struct Running: Sendable {
        let cluster: EmbeddedPostgres
        let admin: PostgresClient
    }

    private var running: Task<Running, any Error>?
    private var databaseCount = 0

    public static var logger: Logger {
        var logger = Logger(label: "konkurs.tests")
        logger.logLevel = .error
        return logger
    }

    /// A new database holding the current schema.
    public func migratedDatabase() async throws -> TestDatabase {
        try await createDatabase(template: Self.templateName)
    }

    /// A new database with no tables at all (for migration tests).
    public func emptyDatabase() async throws -> TestDatabase {
        try await createDatabase(template: "template0")
    }

    /// The cluster itself, for tests of the launcher's own behaviour.
    public func cluster() async throws -> EmbeddedPostgres {
        try await start().cluster
    }

    // MARK: - Internals

    private func createDatabase(template: String) async throws -> TestDatabase {
        let running = try await start()
        databaseCount += 1
        let name = "test_\(databaseCount)"
        try await Self.createDatabase(name, template: template, admin: running.admin)
        return TestDatabase(name: name, configuration: running.cluster.clientConfiguration(database: name))
    }

    private func start() async throws -> Running {
        if let running { return try await running.value }
        let task = Task { try await Self.launch() }
        running = task
        return try await task.value
    }

    private static func launch() async throws -> Running {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("konkurs-tests-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = try EmbeddedPostgres(
            dataDirectory: root + "/data",
            settings: ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=300"],
            removeWhenOwnerExits: root)
        try await cluster.start(logger: logger)
        let admin = PostgresClient(configuration: cluster.clientConfiguration(database: "postgres"), backgroundLogger: logger)
        Task.detached { await admin.run() }
        try await createDatabase(templateName, template: "template0", admin: admin)
        let template = TestDatabase(name: templateName, configuration: cluster.clientConfiguration(database: templateName))
        _ = try await template.withDatabase { database in
            try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
        }
        return Running(cluster: cluster, admin: admin)
    }

    private static func createDatabase(_ name: String, template: String, admin: PostgresClient) async throws {
        // Two copies of one template at the same moment can collide ("being accessed by other users").
        for attempt in 1... {
            do {
                try await admin.query("CREATE DATABASE \(unescaped: name) TEMPLATE \(unescaped: template)", logger: logger)
                return
            } catch let error as PSQLError where error.sqlState == "55006" && attempt < 50 {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

/// A database of the test cluster that belongs to one test.
public struct TestDatabase: Sendable {
    public let name: String
    public let configuration: PostgresClient.Configuration

    /// Runs `body` with a running connection pool to this database.
    public func withDatabase<Result: Sendable>(_ body: (Database) async throws -> Result) async throws -> Result {
        let logger = TestCluster.logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger, description: "тестовая база \(name)"))
        }
    }
}
