import Foundation
import Logging
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private PostgreSQL cluster in a data folder, reachable only through a unix socket.
///
/// Creating the value takes an exclusive lock (`<data folder>.lock`), so a second konkurs on the same
/// folder fails at once; the lock dies with the process. A detached watchdog stops the cluster when
/// the owning process is gone, even after a crash, unless another process owns the folder by then.
public final class EmbeddedPostgres: Sendable {
    public let dataDirectory: String
    public let socketDirectory: String
    public let superuser = "postgres"
    let binaries: PostgresBinaries
    let account: SystemUser
    let settings: [String]
    private let lockDescriptor: Int32

    /// The socket file name PostgreSQL uses for the default port.
    static let socketName = ".s.PGSQL.5432"
    /// sockaddr_un holds 108 bytes; longer socket paths go to a short folder under /tmp.
    static let maximumSocketPath = 100

    /// - Parameters:
    ///   - dataDirectory: the cluster folder; created (with its parents) when missing.
    ///   - settings: extra `-c name=value` server settings (tests turn fsync off).
    ///   - removeWhenOwnerExits: a folder the watchdog deletes after stopping the cluster (test clusters).
    ///   - yieldingToRunning: give up at once when another process owns the cluster and it is up (an
    ///     admin command then uses it), instead of waiting for an owner that may be exiting.
    public init(
        dataDirectory: String,
        settings: [String] = [],
        binaries: PostgresBinaries? = nil,
        removeWhenOwnerExits: String? = nil,
        yieldingToRunning: Bool = false
    ) throws(EmbeddedPostgresError) {
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        guard !absolute.contains("'"), !absolute.contains("\n") else { throw .unsupportedPath(path: absolute) }
        self.dataDirectory = absolute
        if let binaries { self.binaries = binaries } else { self.binaries = try PostgresBinaries.locate() }
        self.account = try SystemUser.forPostgres()
        self.settings = settings
        self.socketDirectory = Self.socketDirectory(for: absolute)

        let parent = (absolute as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectoryNotWritable(path: absolute, reason: Self.reason(error))
        }
        self.lockDescriptor = try Self.lock(absolute + ".lock", dataDirectory: absolute, yieldingToRunning: yieldingToRunning)
        launchWatchdog(removing: removeWhenOwnerExits)
    }

    deinit {
        close(lockDescriptor)
    }

    /// The socket of a cluster that another process runs in `dataDirectory`, when it is up.
    public static func runningSocket(dataDirectory: String) -> String? {
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let socket = socketDirectory(for: absolute) + "/" + socketName
        return FileManager.default.fileExists(atPath: socket) ? socket : nil
    }

    /// Where clients connect.
    public func clientConfiguration(database: String) -> PostgresClient.Configuration {
        PostgresClient.Configuration(
            unixSocketPath: socketDirectory + "/" + Self.socketName, username: superuser, password: nil, database: database)
    }

    // MARK: - Start and stop

    /// Creates the cluster on first use, clears a server left running by a crashed owner, and starts it.
    public func start(logger: Logger) async throws(EmbeddedPostgresError) {
        let granted = try await account.grantPassage(to: dataDirectory, log: commandLog)
        if !granted.isEmpty {
            logger.notice(
                "Системному пользователю postgres выдано право прохода (ACL u:postgres:x, без чтения) к папке данных",
                metadata: ["folders": "\(granted.joined(separator: ", "))"])
        }
        try prepareDirectories()
        if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            logger.info("Создаю кластер PostgreSQL", metadata: ["dataDirectory": "\(dataDirectory)"])
            try await pg(
                "initdb", binaries.initdb,
                ["-D", dataDirectory, "-U", superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        }
        // We hold the folder's lock, so a running server here was left by an owner that crashed.
        if try await status() == .running {
            logger.warning("Останавливаю PostgreSQL, оставшийся от прерванного запуска")
            try await stop()
        }
        let options = (["-k '\(socketDirectory)'", "-c listen_addresses=''"] + settings.map { "-c \($0)" }).joined(separator: " ")
        try await pg(
            "запуск сервера", binaries.pgCtl,
            ["-D", dataDirectory, "-l", serverLog, "-w", "-t", "60", "-o", options, "start"])
        logger.info("PostgreSQL запущен", metadata: ["socket": "\(socketDirectory)"])
    }

    /// Stops the server (fast shutdown: open sessions are ended, committed data is safe).
    public func stop() async throws(EmbeddedPostgresError) {
        guard try await status() == .running else { return }
        try await pg("остановка сервера", binaries.pgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"])
    }

    enum Status { case running, stopped }

    func status() async throws(EmbeddedPostgresError) -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .stopped }
        // pg_ctl status: 0 running, 3 not running, 4 no accessible data folder.
        let code = try await run(binaries.pgCtl, ["-D", dataDirectory, "status"])
        return code == 0 ? .running : .stopped
    }

    // MARK: - Files

    var commandLog: String { dataDirectory + ".log" }
    var serverLog: String { dataDirectory + "/postgresql.log" }

    private func prepareDirectories() throws(EmbeddedPostgresError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: dataDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .dataDirectoryNotCluster(path: dataDirectory) }
            let contents = (try? fileManager.contentsOfDirectory(atPath: dataDirectory)) ?? []
            if !contents.isEmpty && !contents.contains("PG_VERSION") { throw .dataDirectoryNotCluster(path: dataDirectory) }
        } else {
            do {
                try fileManager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .dataDirectoryNotWritable(path: dataDirectory, reason: Self.reason(error))
            }
        }
        try account.takeOwnership(of: dataDirectory)
        if socketDirectory != dataDirectory {
            try? fileManager.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try account.takeOwnership(of: socketDirectory)
        }
    }

    static func socketDirectory(for dataDirectory: String) -> String {
        if (dataDirectory + "/" + socketName).utf8.count <= maximumSocketPath { return dataDirectory }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: a short, stable folder name per data folder
        for byte in dataDirectory.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "/tmp/konkurs-\(String(hash, radix: 16))"
    }

    private static func lock(_ path: String, dataDirectory: String, yieldingToRunning: Bool) throws(EmbeddedPostgresError) -> Int32 {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .dataDirectoryNotWritable(path: dataDirectory, reason: String(cString: strerror(errno)))
        }
        // The watchdog of an owner that just exited holds the lock for a moment while it checks the
        // cluster is stopped; an owner that is still running holds it for good.
        for attempt in 0..<30 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return descriptor }
            if yieldingToRunning && runningSocket(dataDirectory: dataDirectory) != nil { break }
            if attempt < 29 { usleep(100_000) }
        }
        close(descriptor)
        throw .dataDirectoryInUse(path: dataDirectory)
    }

    private static func reason(_ error: any Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
    }

    // MARK: - Running the programs

    private func run(_ program: String, _ arguments: [String]) async throws(EmbeddedPostgresError) -> Int32 {
        let command = account.commandPrefix + [program] + arguments
        do {
            return try await ChildProcess.run(command[0], Array(command.dropFirst()), output: commandLog)
        } catch {
            throw .commandFailed(step: (program as NSString).lastPathComponent, exitCode: -1, logTail: "\(error)", logPath: commandLog)
        }
    }

    private func pg(_ step: String, _ program: String, _ arguments: [String]) async throws(EmbeddedPostgresError) {
        let code = try await run(program, arguments)
        guard code == 0 else {
            let tail = [commandLog, serverLog].map { Self.lastLines(of: $0, count: 3) }.filter { !$0.isEmpty }.joined(separator: " | ")
            throw .commandFailed(step: step, exitCode: code, logTail: tail, logPath: commandLog)
        }
    }

    private static func lastLines(of path: String, count: Int) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(count).joined(separator: " / ")
    }

    /// A shell loop that outlives a crash of this process and then stops the cluster, unless a new
    /// owner holds the folder's lock by then.
    private func launchWatchdog(removing folder: String?) {
        let pgCtl = (account.commandPrefix + [binaries.pgCtl]).map { "'\($0)'" }.joined(separator: " ")
        let stop = "\(pgCtl) -D '\(dataDirectory)' -m fast -w stop"
        let guarded =
            FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")
            ? "/usr/bin/flock -n '\(dataDirectory).lock' \(stop)" : stop
        var script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(guarded)"
        if let folder, !folder.contains("'") { script += "; rm -rf '\(folder)'" }
        try? ChildProcess.launchDetached("/bin/sh", ["-c", script])
    }
}
