import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs restore FILE [--replace]`: back from a copy, in one transaction; then migrations and the audit check.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Восстановить базу из резервной копии (pg_restore в одной транзакции), затем проверить журнал аудита.",
        discussion: "Восстанавливает в пустую базу; --replace сначала удаляет всё, что в ней есть. Остановите сервис перед восстановлением.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Файл резервной копии.") var file: String
    @Flag(help: "Заменить всё содержимое непустой базы.") var replace = false

    func run() async throws {
        let verification = try await database.restore(from: file, replace: replace, logger: try logging.makeLogger(defaultLevel: "warning"))
        if let broken = verification.firstBroken {
            throw CommandFailure(message: "база восстановлена, но журнал аудита искажён: запись \(broken.id) — \(broken.reason)")
        }
        print("База восстановлена из \(file); журнал аудита цел (записей в цепочке \(verification.sealed)).")
    }
}
