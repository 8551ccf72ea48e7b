import ArgumentParser
import Logging

/// `--log-level`, also `LOG_LEVEL`.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "Подробность журнала: trace, debug, info, notice, warning, error, critical (или LOG_LEVEL; по умолчанию info).",
        valueName: "уровень"))
    var logLevel: String?

    func makeLogger(label: String = "konkurs", environment: Environment = .process) throws -> Logger {
        let name = environment.value(logLevel, "LOG_LEVEL", default: "info").lowercased()
        guard let level = Logger.Level(rawValue: name) else {
            throw ValidationError("неизвестный уровень журнала «\(name)»: trace, debug, info, notice, warning, error или critical")
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
