import ArgumentParser
import KonkursStore

/// Which database a command uses: `DATABASE_URL`, or the embedded cluster in the data folder.
struct DatabaseOptions: ParsableArguments {
    static let defaultDataDirectory = "./.konkurs/pgdata"

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp(
            "Папка встроенного кластера PostgreSQL (или KONKURS_DATA_DIR; по умолчанию \(defaultDataDirectory)).",
            valueName: "папка"))
    var dataDirectory: String?

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "Внешний сервер PostgreSQL вместо встроенного (или DATABASE_URL).", valueName: "url"))
    var databaseURL: String?

    func target(environment: Environment = .process) throws -> DatabaseTarget {
        try DatabaseTarget.resolve(
            databaseURL: databaseURL ?? environment["DATABASE_URL"],
            dataDirectory: environment.value(dataDirectory, "KONKURS_DATA_DIR", default: Self.defaultDataDirectory))
    }
}
