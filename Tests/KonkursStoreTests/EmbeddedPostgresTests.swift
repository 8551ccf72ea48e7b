import Foundation
import Logging
import PostgresNIO
import Testing

@testable import KonkursStore
@testable import KonkursTesting

@Suite struct EmbeddedPostgresTests {
    let logger = TestCluster.logger

    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("konkurs-launcher-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return path
    }

    func answers(_ cluster: EmbeddedPostgres) async throws -> Int {
        try await cluster.withClient(database: "postgres", logger: logger) { client in
            try await client.query("SELECT 41 + 1", logger: logger).decode(Int.self).array().first ?? 0
        }
    }

    @Test func createsStartsStopsAndRestartsWithDataKept() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cluster = try EmbeddedPostgres(dataDirectory: folder + "/nested/pgdata", settings: ["fsync=off"])
        try await cluster.start(logger: logger)
        #expect(try await answers(cluster) == 42)
        #expect(FileManager.default.fileExists(atPath: cluster.socketDirectory + "/" + EmbeddedPostgres.socketName))
        try await cluster.withClient(database: "postgres", logger: logger) { client in
            try await client.query("CREATE TABLE kept (note text)", logger: logger)
            try await client.query("INSERT INTO kept VALUES ('сохранено')", logger: logger)
        }
        try await cluster.stop()
        #expect(try await cluster.status() == .stopped)
        #expect(!FileManager.default.fileExists(atPath: cluster.socketDirectory + "/" + EmbeddedPostgres.socketName))

        try await cluster.start(logger: logger)
        let notes = try await cluster.withClient(database: "postgres", logger: logger) { client in
            try await client.query("SELECT note FROM kept", logger: logger).decode(String.self).array()
        }
        #expect(notes == ["сохранено"])
        try await cluster.stop()
    }

    @Test func aSecondOwnerOfTheSameFolderIsRefused() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try EmbeddedPostgres(dataDirectory: folder + "/pgdata")
        #expect(throws: EmbeddedPostgresError.dataDirectoryInUse(path: folder + "/pgdata")) {
            try EmbeddedPostgres(dataDirectory: folder + "/pgdata")
        }
        withExtendedLifetime(first) {}
    }

    @Test func aServerLeftByACrashedOwnerIsTakenOver() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var crashed: EmbeddedPostgres? = try EmbeddedPostgres(dataDirectory: folder + "/pgdata", settings: ["fsync=off"])
        try await crashed?.start(logger: logger)
        crashed = nil  // The owner disappears without stopping its server; its lock goes with it.

        let next = try EmbeddedPostgres(dataDirectory: folder + "/pgdata", settings: ["fsync=off"])
        #expect(try await next.status() == .running)
        try await next.start(logger: logger)
        #expect(try await answers(next) == 42)
        try await next.stop()
        #expect(try await next.status() == .stopped)
    }

    @Test func aLongFolderPathGetsAShortSocketFolder() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deep = folder + "/" + String(repeating: "очень-длинное-имя/", count: 4) + "pgdata"
        let cluster = try EmbeddedPostgres(dataDirectory: deep, settings: ["fsync=off"])
        #expect(cluster.socketDirectory.hasPrefix("/tmp/konkurs-"))
        try await cluster.start(logger: logger)
        #expect(try await answers(cluster) == 42)
        try await cluster.stop()
    }

    @Test func missingProgramsAreReportedWithTheInstallCommand() {
        #expect {
            try PostgresBinaries.locate(path: "/nonexistent/bin", debianRoot: "/nonexistent/postgresql")
        } throws: { error in
            (error as? EmbeddedPostgresError) == .binariesMissing && "\(error)".contains("apt-get install postgresql")
        }
    }

    @Test func findsProgramsUnderTheDebianFolderWhenNotOnPath() throws {
        let binaries = try PostgresBinaries.locate(path: "", debianRoot: PostgresBinaries.debianRoot)
        #expect(binaries.directory.hasPrefix("/usr/lib/postgresql/"))
        #expect(FileManager.default.isExecutableFile(atPath: binaries.pgCtl))
    }

    @Test func anUnwritableFolderIsReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/plain-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            try EmbeddedPostgres(dataDirectory: file + "/pgdata")
        } throws: { error in
            guard case .dataDirectoryNotWritable(let path, _) = error as? EmbeddedPostgresError else { return false }
            return path == file + "/pgdata"
        }
    }

    @Test func aFolderWithOtherFilesIsNotTakenForACluster() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/pgdata", withIntermediateDirectories: true)
        try "важный файл".write(toFile: folder + "/pgdata/notes.txt", atomically: true, encoding: .utf8)
        let cluster = try EmbeddedPostgres(dataDirectory: folder + "/pgdata")
        await #expect(throws: EmbeddedPostgresError.dataDirectoryNotCluster(path: folder + "/pgdata")) {
            try await cluster.start(logger: logger)
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/pgdata/notes.txt"))
    }
}
