import ArgumentParser
import Foundation
import KonkursService

/// `konkurs backup FILE`: the whole database with pg_dump (custom format), also next to a running service.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Резервная копия базы (pg_dump, формат custom) — и встроенного кластера, и DATABASE_URL.",
        discussion: "Файл содержит персональные данные: он создаётся с правами только для владельца. Можно запускать при работающем сервисе.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Куда записать копию.") var file: String

    func run() async throws {
        try await database.backup(to: file, logger: try logging.makeLogger(defaultLevel: "warning"))
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("Резервная копия записана: \(file) (\(size / 1024) КБ).")
    }
}
