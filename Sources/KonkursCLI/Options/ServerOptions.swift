import ArgumentParser
import KonkursWeb

/// Where `serve` listens: `--host`/`KONKURS_HOST`, `--port`/`KONKURS_PORT`.
struct ServerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Адрес, на котором слушать (или KONKURS_HOST; по умолчанию \(WebConfiguration.defaultHost)).", valueName: "адрес"))
    var host: String?

    @Option(
        help: ArgumentHelp(
            "Порт HTTP; 0 — любой свободный (или KONKURS_PORT; по умолчанию \(WebConfiguration.defaultPort)).", valueName: "порт"))
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "Секунд на то, чтобы клиент прислал заголовки запроса целиком, с открытия соединения или после ответа (или KONKURS_HEADER_TIMEOUT; по умолчанию \(WebConfiguration.defaultHeaderTimeout.components.seconds)).",
            valueName: "секунды"))
    var headerTimeout: Int?

    @Option(
        help: ArgumentHelp(
            "Секунд тишины, после которых соединение закрывается, пока ждём тело запроса или следующий запрос (или KONKURS_IDLE_TIMEOUT; по умолчанию \(WebConfiguration.defaultIdleTimeout.components.seconds)).",
            valueName: "секунды"))
    var idleTimeout: Int?

    @Flag(help: "Сервис работает за TLS (прокси с HTTPS): куки сеанса получают флаг Secure (или KONKURS_SECURE_COOKIES=1).")
    var secureCookies = false

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "Адрес или сеть IPv4 (10.0.0.0/8) обратного прокси, чей X-Forwarded-For называет клиента; можно несколько (или KONKURS_TRUSTED_PROXIES через запятую).",
            valueName: "адрес"))
    var trustedProxies: [String] = []

    func proxies(environment: Environment = .process) throws -> TrustedProxies {
        switch TrustedProxies.parse(trustedProxies + [environment["KONKURS_TRUSTED_PROXIES"] ?? ""]) {
        case .success(let proxies): return proxies
        case .failure(let bad): throw ValidationError("доверенный прокси «\(bad.entry)»: ожидается адрес IPv4/IPv6 или сеть IPv4 вида 10.0.0.0/8")
        }
    }

    func cookiesSecure(environment: Environment = .process) -> Bool {
        secureCookies || ["1", "true", "yes"].contains(environment["KONKURS_SECURE_COOKIES"]?.lowercased() ?? "")
    }

    func configuration(environment: Environment = .process) throws -> WebConfiguration {
        let host = environment.value(host, "KONKURS_HOST", default: WebConfiguration.defaultHost)
        let portText = environment.value(port.map(String.init), "KONKURS_PORT", default: "\(WebConfiguration.defaultPort)")
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("порт «\(portText)» должен быть числом от 0 до 65535")
        }
        func seconds(_ flag: Int?, _ name: String, _ variable: String, _ fallback: Duration) throws -> Duration {
            let text = environment.value(flag.map(String.init), variable, default: "\(fallback.components.seconds)")
            guard let value = Int(text), (1...3600).contains(value) else { throw ValidationError("\(name) «\(text)»: число секунд от 1 до 3600") }
            return .seconds(value)
        }
        return WebConfiguration(
            host: host, port: port,
            headerTimeout: try seconds(headerTimeout, "--header-timeout", "KONKURS_HEADER_TIMEOUT", WebConfiguration.defaultHeaderTimeout),
            idleTimeout: try seconds(idleTimeout, "--idle-timeout", "KONKURS_IDLE_TIMEOUT", WebConfiguration.defaultIdleTimeout))
    }
}
