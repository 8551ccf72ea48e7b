import ArgumentParser
import Foundation
import Hummingbird
import KonkursService
import KonkursStore
import KonkursWeb
import Logging
import Metrics
import NIOCore
import Prometheus

/// `konkurs serve`: migrates the database and runs the web service until SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Запустить веб-сервис (со встроенным PostgreSQL, если DATABASE_URL не задан).")

    @OptionGroup var server: ServerOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.makeLogger()
        let web = try server.configuration()
        let target = try database.target()
        let registry = PrometheusCollectorRegistry()
        // Once per process, and only here: tests build applications without touching global state.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        try await target.withDatabase(logger: logger) { database in
            try await MigrationRunner(database: database, migrations: Migration.bundled()).migrate()
            let dependencies = WebDependencies(status: SystemStatus(database: database), metrics: registry, logger: logger)
            let app = try await buildApplication(configuration: web, dependencies: dependencies) { url in
                FileHandle.standardOutput.write(Data("Konkurs работает: \(url)  (остановить: Ctrl-C)\n".utf8))
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
