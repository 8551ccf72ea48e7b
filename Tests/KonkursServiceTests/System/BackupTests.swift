import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// A backup of the whole demo district restored into an empty database holds every row of every
/// table, and its audit chain still verifies.
@Suite struct BackupTests {
    @Test func aBackupRestoresIntoAnEmptyDatabaseWithEveryTableEqual() async throws {
        let source = try await TestCluster.shared.migratedDatabase()
        let target = try await TestCluster.shared.emptyDatabase()
        let cluster = try await TestCluster.shared.cluster()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("konkurs-backup-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: file) }

        let original = try await source.withDatabase { database in
            let services = KonkursServices(database: database, hasher: PasswordHasher(cost: 4))
            _ = try await DemoDistrict.loadIfEmpty(services)
            try await services.audit.sealAll()
            try await DatabaseBackup.dump(EmbeddedPostgres.backupConnection(dataDirectory: cluster.dataDirectory, database: source.name), to: file)
            return try await Self.fingerprints(database)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "a backup holds personal data: owner only")

        try await target.withDatabase { database in
            let connection = EmbeddedPostgres.backupConnection(dataDirectory: cluster.dataDirectory, database: target.name)
            try await DatabaseBackup.restore(connection, from: file, database: database, replace: false)
            let restored = try await Self.fingerprints(database)
            #expect(restored.count >= 20 && restored.keys.contains("protocols") && restored.keys.contains("audit_log"))
            #expect(restored == original, "every table, row for row")
            #expect(try await KonkursServices(database: database).audit.verify().firstBroken == nil)
            await #expect(throws: DatabaseBackup.Failure.self, "a database with tables is not restored into without --replace") {
                try await DatabaseBackup.restore(connection, from: file, database: database, replace: false)
            }
            try await DatabaseBackup.restore(connection, from: file, database: database, replace: true)
            #expect(try await Self.fingerprints(database) == original)
        }
    }

    /// Each table's row count and a hash of its rows in a fixed order.
    static func fingerprints(_ database: Database) async throws -> [String: String] {
        let tables = try await database.client.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", logger: database.logger
        )
        .decode(String.self).array()
        var result: [String: String] = [:]
        for table in tables {
            let quoted = "\"" + table + "\""
            result[table] =
                try await database.client.query(
                    "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(unescaped: quoted) t",
                    logger: database.logger
                ).decode(String.self).array().first ?? ""
        }
        return result
    }
}
