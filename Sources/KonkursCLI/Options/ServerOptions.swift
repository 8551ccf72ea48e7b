import ArgumentParser
import KonkursWeb

/// Where `serve` listens: `--host`/`KONKURS_HOST`, `--port`/`KONKURS_PORT`.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Адрес, на котором слушать (или KONKURS_HOST; по умолчанию \(WebConfiguration.defaultHost)).", valueName: "адрес"))
    var host: String?

    @Option(help: ArgumentHelp(
        "Порт HTTP; 0 — любой свободный (или KONKURS_PORT; по умолчанию \(WebConfiguration.defaultPort)).", valueName: "порт"))
    var port: Int?

    @Flag(help: "Сервис работает за TLS (прокси с HTTPS): куки сеанса получают флаг Secure (или KONKURS_SECURE_COOKIES=1).")
    var secureCookies = false

    func cookiesSecure(environment: Environment = .process) -> Bool {
        secureCookies || ["1", "true", "yes"].contains(environment["KONKURS_SECURE_COOKIES"]?.lowercased() ?? "")
    }

    func configuration(environment: Environment = .process) throws -> WebConfiguration {
        let host = environment.value(host, "KONKURS_HOST", default: WebConfiguration.defaultHost)
        let portText = environment.value(port.map(String.init), "KONKURS_PORT", default: "\(WebConfiguration.defaultPort)")
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("порт «\(portText)» должен быть числом от 0 до 65535")
        }
        return WebConfiguration(host: host, port: port)
    }
}
