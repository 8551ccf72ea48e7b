import Foundation
import KonkursCore

/// Where the PostgreSQL server programs live on this machine.
public struct PostgresBinaries: Sendable, Equatable {
    public let directory: String

    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }

    /// Another program of the same installation (`pg_dump`, `pg_restore`): next to `initdb`, or next to
    /// the file it links to when PATH holds only links to the server programs.
    public func program(_ name: String) -> String {
        let beside = directory + "/" + name
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return URL(fileURLWithPath: initdb).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Debian keeps the server programs out of PATH, one folder per major version.
    public static let debianRoot = "/usr/lib/postgresql"

    /// Finds `initdb` and `pg_ctl`: first on PATH, then under `/usr/lib/postgresql/*/bin`, newest version first.
    public static func locate(
        path: String? = ProcessInfo.processInfo.environment["PATH"],
        debianRoot: String = debianRoot
    ) throws(EmbeddedPostgresError) -> PostgresBinaries {
        let fileManager = FileManager.default
        func hasBoth(_ directory: String) -> Bool {
            fileManager.isExecutableFile(atPath: directory + "/initdb") && fileManager.isExecutableFile(atPath: directory + "/pg_ctl")
        }
        for directory in (path ?? "").split(separator: ":").map(String.init) where hasBoth(directory) {
            return PostgresBinaries(directory: directory)
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: debianRoot)) ?? []
        let newestFirst = versions.compactMap { name in Int(name).map { ($0, name) } }.sorted { $0.0 > $1.0 }
        for (_, name) in newestFirst where hasBoth("\(debianRoot)/\(name)/bin") {
            return PostgresBinaries(directory: "\(debianRoot)/\(name)/bin")
        }
        throw .binariesMissing
    }
}
