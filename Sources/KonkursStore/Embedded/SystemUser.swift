import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who runs the PostgreSQL programs. initdb refuses to run as root, so root hands the work to the
/// `postgres` system user (created by Debian's postgresql package) through `runuser`.
struct SystemUser: Sendable {
    let commandPrefix: [String]
    let owner: (uid: uid_t, gid: gid_t)?

    static let postgresAccount = "postgres"

    static func forPostgres() throws(EmbeddedPostgresError) -> SystemUser {
        guard getuid() == 0 else { return SystemUser(commandPrefix: [], owner: nil) }
        guard let entry = getpwnam(postgresAccount) else { throw .systemUserMissing(name: postgresAccount) }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let runuser else { throw .systemUserMissing(name: "runuser") }
        return SystemUser(commandPrefix: [runuser, "-u", postgresAccount, "--"], owner: (entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// Gives a folder to the account that runs PostgreSQL (no-op when not root).
    func takeOwnership(of path: String) throws(EmbeddedPostgresError) {
        guard let owner else { return }
        if chown(path, owner.uid, owner.gid) != 0 {
            throw .dataDirectoryNotWritable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

extension SystemUser {
    /// Lets the account reach `path` when it runs PostgreSQL for root: every folder above `path`
    /// that it cannot pass through (a clone in /root, a 0700 temporary folder) gets one ACL entry
    /// granting it passage (`x`) and nothing else — not listing, not reading, not for anyone else.
    /// Returns the folders given passage; throws, before anything is created, where it cannot.
    func grantPassage(to path: String, log: String) async throws(EmbeddedPostgresError) -> [String] {
        guard owner != nil else { return [] }
        var granted: [String] = []
        var folder = ""
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            guard try await !canPass(folder, log: log) else { continue }
            let setfacl = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/setfacl" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let setfacl else { throw .folderClosedToPostgres(folder: folder, dataDirectory: path, reason: "нет программы setfacl") }
            let code = try? await ChildProcess.run(setfacl, ["-m", "u:\(Self.postgresAccount):x", folder], output: log)
            guard code == 0, try await canPass(folder, log: log) else {
                throw .folderClosedToPostgres(folder: folder, dataDirectory: path, reason: "setfacl не выдал право прохода, см. \(log)")
            }
            granted.append(folder)
        }
        return granted
    }

    /// Whether the account can pass through `folder` (and everything above it).
    private func canPass(_ folder: String, log: String) async throws(EmbeddedPostgresError) -> Bool {
        do {
            return try await ChildProcess.run(commandPrefix[0], Array(commandPrefix.dropFirst()) + ["/usr/bin/test", "-x", folder], output: log) == 0
        } catch {
            throw .folderClosedToPostgres(folder: folder, dataDirectory: folder, reason: "\(error)")
        }
    }
}
