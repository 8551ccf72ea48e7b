import Foundation
import Logging
import PostgresNIO

/// `konkurs backup` / `konkurs restore`: PostgreSQL's own `pg_dump` (custom format) and `pg_restore`,
/// for the embedded cluster and for a server named by `DATABASE_URL` alike. A backup is written next
/// to its destination and renamed into place, so a failed one never leaves a half file under the name;
/// a restore goes into an empty database in one transaction, or replaces everything with `replace`.
public enum DatabaseBackup {
    /// Where libpq programs connect: the environment they read (the password never on a command line).
    public struct Connection: Sendable, Equatable {
        public var host: String
        public var port: Int?
        public var user: String
        public var password: String?
        public var database: String
        public var sslMode: String?

        public init(host: String, port: Int? = nil, user: String, password: String? = nil, database: String, sslMode: String? = nil) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.sslMode = sslMode
        }

        var environment: [String: String] {
            var variables = ["PGHOST": host, "PGUSER": user, "PGDATABASE": database]
            if let port { variables["PGPORT"] = "\(port)" }
            if let password { variables["PGPASSWORD"] = password }
            if let sslMode { variables["PGSSLMODE"] = sslMode }
            return variables
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the whole database to `file` (custom format, readable by the owner only).
    public static func dump(_ connection: Connection, to file: String) async throws {
        let partial = file + ".partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try await run("pg_dump", ["--format=custom", "--no-owner", "--file=\(partial)"], connection)
        _ = chmod(partial, 0o600)
        if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        try FileManager.default.moveItem(atPath: partial, toPath: file)
    }

    /// Restores `file` into the database in one transaction: all of it or nothing. `replace` drops
    /// what is there first; without it, a database that already has tables is refused.
    public static func restore(_ connection: Connection, from file: String, database: Database, replace: Bool) async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw Failure(description: "файл \(file) не найден или не читается") }
        let tables =
            try await database.client.query("SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'", logger: database.logger)
            .decode(Int.self).array().first ?? 0
        if tables > 0 && !replace {
            throw Failure(
                description: "в базе уже есть таблицы (\(tables)): восстановление идёт только в пустую базу; --replace заменит всё её содержимое")
        }
        try await run(
            "pg_restore",
            ["--no-owner", "--single-transaction", "--exit-on-error", "--dbname=\(connection.database)"]
                + (replace ? ["--clean", "--if-exists"] : []) + [file],
            connection)
    }

    private static func run(_ program: String, _ arguments: [String], _ connection: Connection) async throws {
        let executable = try PostgresBinaries.locate().program(program)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(connection.environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(program) завершился с кодом \(process.terminationStatus): \(text)")
        }
    }
}

extension DatabaseTarget {
    /// How libpq programs reach this target (the embedded cluster must be running: see `withDatabase`).
    public var backupConnection: DatabaseBackup.Connection {
        switch self {
        case .external(let url):
            return DatabaseBackup.Connection(
                host: url.host, port: url.port, user: url.username, password: url.password, database: url.database, sslMode: url.tls.rawValue)
        case .embedded(let dataDirectory):
            return EmbeddedPostgres.backupConnection(dataDirectory: dataDirectory, database: Self.embeddedDatabaseName)
        }
    }
}

extension EmbeddedPostgres {
    public static func backupConnection(dataDirectory: String, database: String) -> DatabaseBackup.Connection {
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        return DatabaseBackup.Connection(host: socketDirectory(for: absolute), user: "postgres", database: database)
    }
}
