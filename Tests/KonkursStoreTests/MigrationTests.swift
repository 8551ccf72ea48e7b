import Foundation
import PostgresNIO
import Testing

@testable import KonkursStore
@testable import KonkursTesting

@Suite struct MigrationTests {
    static let first = Migration(version: 1, name: "people", sql: "CREATE TABLE people (id int PRIMARY KEY);")
    static let second = Migration(
        version: 2, name: "names",
        sql: "ALTER TABLE people ADD COLUMN name text;\nINSERT INTO people VALUES (1, 'Анна; Петровна');")

    @Test func appliesPendingMigrationsInOrderOnce() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            // Given out of order, applied in order: the second needs the first's table.
            let runner = MigrationRunner(database: database, migrations: [Self.second, Self.first])
            #expect(try await runner.migrate().map(\.version) == [1, 2])
            #expect(try await runner.migrate().isEmpty)
            #expect(try await runner.status().map(\.isApplied) == [true, true])
            let names = try await database.client.query("SELECT name FROM people", logger: database.logger).decode(String.self).array()
            #expect(names == ["Анна; Петровна"])
            let recorded = try await database.client.query(
                "SELECT version, checksum FROM schema_migrations ORDER BY version", logger: database.logger
            )
            .decode((Int, String).self).array()
            #expect(recorded.map(\.0) == [1, 2])
            #expect(recorded.map(\.1) == [Self.first.checksum, Self.second.checksum])
        }
    }

    @Test func statusShowsPendingWithoutApplyingThem() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            try await MigrationRunner(database: database, migrations: [Self.first]).migrate()
            let states = try await MigrationRunner(database: database, migrations: [Self.first, Self.second]).status()
            #expect(states.map(\.isApplied) == [true, false])
            let columns = try await database.client.query(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'people'", logger: database.logger
            ).decode(Int.self).array()
            #expect(columns == [1])
        }
    }

    @Test func refusesAChangedAppliedMigration() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            try await MigrationRunner(database: database, migrations: [Self.first]).migrate()
            let edited = Migration(version: 1, name: "people", sql: "CREATE TABLE people (id bigint PRIMARY KEY);")
            await #expect(throws: MigrationError.checksumMismatch(version: 1, name: "people")) {
                try await MigrationRunner(database: database, migrations: [edited, Self.second]).migrate()
            }
            // Nothing after the refusal ran.
            #expect(try await MigrationRunner(database: database, migrations: [Self.first, Self.second]).status().map(\.isApplied) == [true, false])
        }
    }

    @Test func refusesADatabaseNewerThanTheProgram() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            try await MigrationRunner(database: database, migrations: [Self.first, Self.second]).migrate()
            await #expect(throws: MigrationError.unknownApplied(version: 2, name: "names")) {
                try await MigrationRunner(database: database, migrations: [Self.first]).migrate()
            }
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE half (id int); SELECT * FROM missing_table;")
            await #expect {
                try await MigrationRunner(database: database, migrations: [Self.first, broken]).migrate()
            } throws: { error in
                guard case .failed(2, "broken", let reason) = error as? MigrationError else { return false }
                return reason.contains("missing_table")
            }
            let tables = try await database.client.query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", logger: database.logger
            ).decode(String.self).array()
            #expect(tables == ["people", "schema_migrations"])
        }
    }

    @Test func instancesStartingTogetherApplyEachMigrationOnce() async throws {
        let database = try await TestCluster.shared.emptyDatabase()
        // A migration that fails when run twice, so a double application cannot hide.
        let counted = Migration(version: 3, name: "counted", sql: "CREATE TABLE counted (id int); INSERT INTO counted VALUES (1);")
        let migrations = [Self.first, Self.second, counted]
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await database.withDatabase { database in
                        try await MigrationRunner(database: database, migrations: migrations).migrate().map(\.version)
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == [1, 2, 3])
        try await database.withDatabase { database in
            let rows = try await database.client.query("SELECT count(*) FROM counted", logger: database.logger).decode(Int.self).array()
            #expect(rows == [1])
        }
    }

    @Test func theShippedMigrationsApplyToAnEmptyDatabase() async throws {
        let shipped = try Migration.bundled()
        #expect(!shipped.isEmpty)
        #expect(shipped.map(\.version) == Array(1...shipped.count))
        let database = try await TestCluster.shared.emptyDatabase()
        try await database.withDatabase { database in
            let applied = try await MigrationRunner(database: database, migrations: shipped).migrate()
            #expect(applied == shipped)
        }
    }
}

@Suite struct MigrationFolderTests {
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func readsFilesInNumericOrder() throws {
        let url = try folder(["0002_b.sql": "SELECT 2;", "0001_a.sql": "SELECT 1;", "0010_c.sql": "SELECT 10;"])
        let migrations = try Migration.load(from: url)
        #expect(migrations.map(\.version) == [1, 2, 10])
        #expect(migrations.map(\.name) == ["a", "b", "c"])
        #expect(migrations[2].fileName == "0010_c.sql")
    }

    @Test func rejectsMisnamedAndDuplicateFiles() throws {
        #expect(throws: MigrationError.badFileName("notes.txt")) { try Migration.load(from: try folder(["0001_a.sql": "", "notes.txt": ""])) }
        #expect(throws: MigrationError.duplicateVersion(1)) { try Migration.load(from: try folder(["0001_a.sql": "", "001_b.sql": ""])) }
    }

    @Test func checksumFollowsTheText() {
        let a = Migration(version: 1, name: "a", sql: "SELECT 1;")
        #expect(a.checksum == Migration(version: 1, name: "other", sql: "SELECT 1;").checksum)
        #expect(a.checksum != Migration(version: 1, name: "a", sql: "SELECT 1; ").checksum)
        #expect(a.checksum.count == 64)
    }
}
