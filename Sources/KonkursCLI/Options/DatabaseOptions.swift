import ArgumentParser

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
}
