import ArgumentParser
import KonkursStore
import KonkursWeb
import Testing

@testable import KonkursCLI

@Suite struct OptionsTests {
    func serve(_ arguments: [String]) throws -> ServeCommand {
        try #require(try KonkursCommand.parseAsRoot(["serve"] + arguments) as? ServeCommand)
    }

    @Test func flagsWinOverEnvironmentWhichWinsOverDefaults() throws {
        let environment = ["KONKURS_HOST": "0.0.0.0", "KONKURS_PORT": "9000", "KONKURS_DATA_DIR": "/srv/pg"]
        let defaults = try serve([])
        #expect(try defaults.server.configuration(environment: [:]).host == "127.0.0.1")
        #expect(try defaults.server.configuration(environment: [:]).port == 8080)
        #expect(try defaults.database.target(environment: [:]) == .embedded(dataDirectory: "./.konkurs/pgdata"))
        #expect(try defaults.server.configuration(environment: environment).host == "0.0.0.0")
        #expect(try defaults.server.configuration(environment: environment).port == 9000)
        #expect(try defaults.database.target(environment: environment) == .embedded(dataDirectory: "/srv/pg"))

        let flagged = try serve(["--host", "::1", "--port", "0", "--data-dir", "/tmp/x"])
        #expect(try flagged.server.configuration(environment: environment).host == "::1")
        #expect(try flagged.server.configuration(environment: environment).port == 0)
        #expect(try flagged.database.target(environment: environment) == .embedded(dataDirectory: "/tmp/x"))
    }

    @Test func databaseURLReplacesTheEmbeddedCluster() throws {
        let target = try serve([]).database.target(environment: ["DATABASE_URL": "postgres://k@db:5433/konkurs?sslmode=disable"])
        #expect(target == .external(try DatabaseURL("postgres://k@db:5433/konkurs?sslmode=disable")))
    }

    @Test func badValuesGetOneClearRussianLine() throws {
        #expect(throws: (any Error).self) { try serve([]).server.configuration(environment: ["KONKURS_PORT": "восемьдесят"]) }
        do {
            _ = try serve([]).server.configuration(environment: ["KONKURS_PORT": "70000"])
            Issue.record("a port out of range was accepted")
        } catch {
            #expect(KonkursMain.describe(error) == "порт «70000» должен быть числом от 0 до 65535")
        }
        do {
            _ = try serve([]).database.target(environment: ["DATABASE_URL": "mysql://u@h/d"])
            Issue.record("a non-PostgreSQL URL was accepted")
        } catch {
            #expect(KonkursMain.describe(error).hasPrefix("DATABASE_URL не распознан: схема должна быть postgres://"))
        }
        #expect(throws: (any Error).self) { try serve(["--log-level", "loud"]).logging.makeLogger(environment: [:]) }
    }

    @Test func secureCookiesComeFromTheFlagOrTheEnvironment() throws {
        #expect(try serve([]).server.cookiesSecure(environment: [:]) == false)
        #expect(try serve(["--secure-cookies"]).server.cookiesSecure(environment: [:]))
        #expect(try serve([]).server.cookiesSecure(environment: ["KONKURS_SECURE_COOKIES": "1"]))
    }

    @Test func migrateTakesAStatusFlag() throws {
        let migrate = try #require(try KonkursCommand.parseAsRoot(["migrate", "--status", "--data-dir", "/tmp/d"]) as? MigrateCommand)
        #expect(migrate.status)
        #expect(try migrate.database.target(environment: [:]) == .embedded(dataDirectory: "/tmp/d"))
    }
}
