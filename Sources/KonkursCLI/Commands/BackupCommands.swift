import ArgumentParser
import Foundation
import KonkursService
import KonkursStore

/// `konkurs backup FILE`: the whole database with pg_dump (custom format), also next to a running service.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Резервная копия базы (pg_dump, формат custom) — и встроенного кластера, и DATABASE_URL.",
        discussion: "Файл содержит персональные данные: он создаётся с правами только для владельца. Можно запускать при работающем сервисе.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Куда записать копию.") var file: String

    func run() async throws {
        let target = try database.target()
        let logger = try logging.makeLogger(defaultLevel: "warning")
        let file = file
        try await target.withDatabase(logger: logger, attachToRunning: true) { _ in
            do { try await DatabaseBackup.dump(target.backupConnection, to: file) } catch let failure as DatabaseBackup.Failure {
                throw CommandFailure(message: failure.description)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("Резервная копия записана: \(file) (\(size / 1024) КБ).")
    }
}

/// `konkurs restore FILE [--replace]`: back from a copy, in one transaction; then migrations and the audit check.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Восстановить базу из резервной копии (pg_restore в одной транзакции), затем проверить журнал аудита.",
        discussion: "Восстанавливает в пустую базу; --replace сначала удаляет всё, что в ней есть. Остановите сервис перед восстановлением.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Файл резервной копии.") var file: String
    @Flag(help: "Заменить всё содержимое непустой базы.") var replace = false

    func run() async throws {
        let target = try database.target()
        let logger = try logging.makeLogger(defaultLevel: "warning")
        let (file, replace) = (file, replace)
        let verification = try await target.withDatabase(logger: logger) { database in
            do { try await DatabaseBackup.restore(target.backupConnection, from: file, database: database, replace: replace) } catch let failure as DatabaseBackup.Failure {
                throw CommandFailure(message: failure.description)
            }
            try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
            return try await KonkursServices(database: database).audit.verify()
        }
        if let broken = verification.firstBroken {
            throw CommandFailure(message: "база восстановлена, но журнал аудита искажён: запись \(broken.id) — \(broken.reason)")
        }
        print("База восстановлена из \(file); журнал аудита цел (записей в цепочке \(verification.sealed)).")
    }
}
