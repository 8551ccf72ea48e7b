import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts external programs (initdb, pg_ctl) with only stdin/stdout/stderr open.
///
/// Foundation's `Process` is not used on purpose: the postmaster that `pg_ctl start` leaves behind
/// inherits every descriptor not marked close-on-exec, including the pipe `Process` watches, so
/// `waitUntilExit()` never returns. Here the child gets /dev/null as input, a log file as output,
/// and every descriptor from 3 up is closed before exec.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` to completion and returns its exit code (128 + signal when killed).
    static func run(_ executable: String, _ arguments: [String], output: String) async throws -> Int32 {
        let pid = try spawn(executable, arguments, output: output, newSession: false)
        return await waitForExit(pid)
    }

    /// Starts `executable` in a session of its own and does not wait for it (a watchdog).
    static func launchDetached(_ executable: String, _ arguments: [String]) throws {
        _ = try spawn(executable, arguments, output: "/dev/null", newSession: true)
    }

    private static func spawn(_ executable: String, _ arguments: [String], output: String, newSession: Bool) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession {
            posix_spawnattr_setflags(&attributes, Int16(spawnSetSession))
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw Failure(description: "не удалось запустить \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// glibc's POSIX_SPAWN_SETSID, not exported to Swift.
    private static let spawnSetSession: Int32 = 0x80

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc ≥ 2.34) is declared behind `__USE_GNU`,
    /// which Swift does not see, so it is looked up at run time.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            _ = closeFrom(&actions, 3)
            return
        }
        // Older C libraries: close what is open now (listed in /proc/self/fd).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 && fcntl(descriptor, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    private static func waitForExit(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }
}
