import ArgumentParser
import Foundation
import Hummingbird
import KonkursCore
import KonkursService
import KonkursWeb
import Logging
import Metrics
import NIOCore
import Prometheus

/// `konkurs serve`: migrates the database and runs the web service until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Запустить веб-сервис (со встроенным PostgreSQL, если DATABASE_URL не задан).")

    @OptionGroup var server: ServerOptions
    @OptionGroup var link: PublicURLOption
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(
        help:
            "Загрузить демонстрационный район и учётные записи в пустую базу, заданную DATABASE_URL (встроенная база получает их всегда, пока пуста)."
    )
    var demo = false

    func run() async throws {
        let logger = try logging.makeLogger()
        let web = try server.configuration()
        let proxies = try server.proxies()
        let configuredAddress = try link.address()
        let registry = PrometheusCollectorRegistry()
        // Once per process, and only here: tests build applications without touching global state.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        try await database.withServices(logger: logger, attachToRunning: false) { services, embedded in
            // The embedded database is a trial installation: it gets the demo while empty.
            let demoLogins = demo || embedded ? try await DemoDistrict.loadIfEmpty(services) : nil
            let dependencies = WebDependencies(
                services: services, metrics: registry, logger: logger, secureCookies: server.cookiesSecure(), trustedProxies: proxies)
            let app = try await buildApplication(
                configuration: web, dependencies: dependencies,
                services: [AuditSealer(audit: services.audit), ContestScheduler(contests: services.contests)]
            ) { url in
                let address = configuredAddress ?? PublicAddress(url) ?? .listening(host: web.host, port: web.port)
                do {
                    try await services.links.announce(address)
                } catch {
                    logger.warning("Адрес для ссылок не записан в базу", metadata: ["error": "\(error)"])
                }
                if let demoLogins {
                    let lines = demoLogins.map { "  \($0.login) / \($0.password)  — \($0.role.title)" }.joined(separator: "\n")
                    FileHandle.standardOutput.write(Data("Загружен демонстрационный район. Учётные записи (логин / пароль):\n\(lines)\n".utf8))
                }
                let links = configuredAddress.map { "; адрес для ссылок: \($0)" } ?? ""
                FileHandle.standardOutput.write(Data("Konkurs работает: \(url)  (остановить: Ctrl-C\(links))\n".utf8))
            }
            do {
                try await app.runService()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw ServeError.portInUse(host: web.host, port: web.port)
            } catch let error as IOError where error.errnoCode == EACCES {
                throw ServeError.portForbidden(host: web.host, port: web.port)
            }
            logger.info("Сервис остановлен")
        }
    }
}
