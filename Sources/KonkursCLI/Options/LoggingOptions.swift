import ArgumentParser
import Logging

/// `--log-level`, also `LOG_LEVEL`.
struct LoggingOptions: ParsableArguments {
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "Подробность журнала: trace, debug, info, notice, warning, error, critical (или LOG_LEVEL; по умолчанию info для serve, warning для остальных команд).",
            valueName: "уровень"))
    var logLevel: String?

    /// - Parameter defaultLevel: `info` for the service; admin commands keep quiet unless asked.
    func makeLogger(label: String = "konkurs", defaultLevel: String = "info", environment: Environment = .process) throws -> Logger {
        let name = environment.value(logLevel, "LOG_LEVEL", default: defaultLevel).lowercased()
        guard let level = Logger.Level(rawValue: name) else {
            throw ValidationError("неизвестный уровень журнала «\(name)»: trace, debug, info, notice, warning, error или critical")
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
