import ArgumentParser

/// `konkurs migrate [--status]`: brings the schema up to date, or shows which migrations are applied.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Применить миграции схемы базы данных (или показать их состояние).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Только показать, какие миграции применены, ничего не меняя.")
    var status = false

    func run() async throws {
        let logger = try logging.makeLogger(defaultLevel: "warning")
        if status {
            for (fileName, applied) in try await database.migrationStatus(logger: logger) {
                print("\(fileName)\t\(applied ? "применена" : "ожидает")")
            }
        } else {
            let applied = try await database.migrate(logger: logger)
            print(
                applied.isEmpty
                    ? "Схема актуальна: новых миграций нет." : "Применено миграций: \(applied.count) (\(applied.joined(separator: ", "))).")
        }
    }
}
