import ArgumentParser
import KonkursStore

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
        let migrations = try Migration.bundled()
        let status = status
        try await database.target().withDatabase(logger: logger, attachToRunning: true) { database in
            let runner = MigrationRunner(database: database, migrations: migrations)
            if status {
                for state in try await runner.status() {
                    print("\(state.migration.fileName)\t\(state.isApplied ? "применена" : "ожидает")")
                }
            } else {
                let applied = try await runner.migrate()
                print(
                    applied.isEmpty
                        ? "Схема актуальна: новых миграций нет."
                        : "Применено миграций: \(applied.count) (\(applied.map(\.fileName).joined(separator: ", "))).")
            }
        }
    }
}
