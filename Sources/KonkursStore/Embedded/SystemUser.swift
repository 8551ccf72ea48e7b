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
