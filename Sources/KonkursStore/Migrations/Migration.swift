import Crypto
import Foundation
import KonkursCore

/// One schema change: `Database/migrations/NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the file's text: an applied migration must never change.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).hexString
    }

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }
}

extension Migration {
    /// The migrations shipped with this build (`Database/migrations`, bundled as a resource).
    public static func bundled() throws -> [Migration] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("migrations") else {
            throw MigrationError.folderUnreadable(path: "migrations", reason: "ресурсы программы не найдены")
        }
        return try load(from: directory)
    }

    /// Reads every `NNNN_name.sql` in `directory`, ordered by number. Other files are an error, so a
    /// misnamed migration is never silently skipped.
    public static func load(from directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.folderUnreadable(path: directory.path, reason: error.localizedDescription)
        }
        var migrations: [Migration] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_"),
                let version = Int(name[..<underscore]), version > 0
            else { throw MigrationError.badFileName(name) }
            let title = String(name[name.index(after: underscore)...].dropLast(4))
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: title, sql: sql))
        }
        let versions = migrations.map(\.version)
        if let duplicate = versions.first(where: { version in versions.filter { $0 == version }.count > 1 }) {
            throw MigrationError.duplicateVersion(duplicate)
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
