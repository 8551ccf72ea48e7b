import Foundation
import Logging
import PostgresNIO

/// Which PostgreSQL Konkurs uses: a private cluster in a data folder, or a server named by `DATABASE_URL`.
public enum DatabaseTarget: Sendable, Equatable {
    case embedded(dataDirectory: String)
    case external(DatabaseURL)

    public var isEmbedded: Bool {
        if case .embedded = self { true } else { false }
    }

    /// The embedded cluster keeps the application's data in this database.
    public static let embeddedDatabaseName = "konkurs"

    /// `DATABASE_URL` wins when set and not empty; otherwise the embedded cluster in `dataDirectory`.
    public static func resolve(databaseURL: String?, dataDirectory: String) throws(DatabaseError) -> DatabaseTarget {
        if let databaseURL, !databaseURL.trimmingCharacters(in: .whitespaces).isEmpty {
            return .external(try DatabaseURL(databaseURL))
        }
        return .embedded(dataDirectory: dataDirectory)
    }

    /// Opens the database (starting the embedded cluster when needed), checks it answers, runs `body`,
    /// then closes the pool and stops the cluster, also when `body` throws.
    /// - Parameter attachToRunning: when another konkurs owns the embedded cluster, use it through its
    ///   socket instead of refusing (admin commands next to a running `serve`).
    public func withDatabase<Result: Sendable>(
        logger: Logger,
        connectTimeout: Duration = .seconds(15),
        attachToRunning: Bool = false,
        _ body: (Database) async throws -> Result
    ) async throws -> Result {
        switch self {
        case .external(let url):
            return try await Self.run(url.clientConfiguration, description: url.redacted, logger: logger, connectTimeout: connectTimeout, body)
        case .embedded(let dataDirectory):
            let cluster: EmbeddedPostgres
            do {
                cluster = try EmbeddedPostgres(dataDirectory: dataDirectory, yieldingToRunning: attachToRunning)
            } catch .dataDirectoryInUse(let path) {
                // A running `konkurs serve` owns the cluster: an admin command talks to it through its socket.
                guard attachToRunning, let socket = EmbeddedPostgres.runningSocket(dataDirectory: dataDirectory) else {
                    throw EmbeddedPostgresError.dataDirectoryInUse(path: path)
                }
                let configuration = PostgresClient.Configuration(
                    unixSocketPath: socket, username: "postgres", password: nil, database: Self.embeddedDatabaseName)
                return try await Self.run(
                    configuration, description: "работающий кластер в \(dataDirectory)", logger: logger, connectTimeout: connectTimeout, body)
            }
            try await cluster.start(logger: logger)
            do {
                try await cluster.createDatabaseIfMissing(Self.embeddedDatabaseName, logger: logger)
                let result = try await Self.run(
                    cluster.clientConfiguration(database: Self.embeddedDatabaseName),
                    description: "встроенный кластер в \(dataDirectory)", logger: logger, connectTimeout: connectTimeout, body)
                try await cluster.stop()
                return result
            } catch {
                try? await cluster.stop()
                throw error
            }
        }
    }

    private static func run<Result: Sendable>(
        _ configuration: PostgresClient.Configuration,
        description: String,
        logger: Logger,
        connectTimeout: Duration,
        _ body: (Database) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // Let run() start before the first lease (PostgresNIO warns about a lease that comes first).
            try await Task.sleep(for: .milliseconds(20))
            let database = Database(client: client, logger: logger, description: description)
            try await database.waitUntilReachable(timeout: connectTimeout)
            return try await body(database)
        }
    }
}

extension Database {
    /// Fails with a clear `DatabaseError.unreachable` when the first query does not succeed in time.
    func waitUntilReachable(timeout: Duration) async throws(DatabaseError) {
        let client = client
        let logger = logger
        do {
            _ = try await withDeadline(timeout) { try await client.query("SELECT 1", logger: logger) }
        } catch is DeadlineExceeded {
            throw .unreachable(target: description, reason: "нет ответа за \(timeout.components.seconds) с")
        } catch let error as PSQLError {
            throw .unreachable(target: description, reason: error.shortDescription)
        } catch {
            throw .unreachable(target: description, reason: "\(error)")
        }
    }
}

extension EmbeddedPostgres {
    /// The application database inside the cluster; created on the first start.
    func createDatabaseIfMissing(_ name: String, logger: Logger) async throws {
        try await withClient(database: "postgres", logger: logger) { client in
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
            for try await _ in rows { return }
            try await client.query("CREATE DATABASE \(unescaped: "\"\(name)\"")", logger: logger)
        }
    }

    /// Runs `body` with a short-lived pool connected to `database` in this cluster.
    public func withClient<Result: Sendable>(
        database: String, logger: Logger, _ body: (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: clientConfiguration(database: database), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await Task.sleep(for: .milliseconds(20))  // see `run`: the first lease must not come before run()
            return try await body(client)
        }
    }
}
