import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs audit verify|show`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Журнал аудита.", subcommands: [Verify.self, Show.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Проверить цепочку хешей журнала; код выхода 1 — найдено искажение.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let result = try await withServices(database, logging) { try await $0.audit.verify() }
            if let broken = result.firstBroken {
                throw CommandFailure(message: "журнал аудита искажён: запись \(broken.id) — \(broken.reason)")
            }
            print("Журнал аудита цел: записей в цепочке \(result.sealed), ещё не запечатано \(result.unsealed).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Показать записи журнала, новые сверху.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "С какой даты (ГГГГ-ММ-ДД).") var since: String?
        @Option(help: "Только действия этого логина.") var actor: String?
        @Option(help: "Сколько записей.") var limit = 100

        func run() async throws {
            var date: Date?
            if let since {
                guard let parsed = ISO8601DateFormatter().date(from: since + "T00:00:00Z") else {
                    throw ValidationError("дата «\(since)» не в формате ГГГГ-ММ-ДД")
                }
                date = parsed
            }
            let (actor, limit) = (actor, limit)
            let records = try await withServices(database, logging) {
                try await $0.audit.recent(KonkursServices.commandLine, since: date, actor: actor, limit: limit)
            }
            let formatter = ISO8601DateFormatter()
            for record in records {
                print(
                    "\(record.id)\t\(formatter.string(from: record.occurredAt))\t\(record.actorLogin)\t\(record.action)\t\(record.target)\t\(record.details)"
                )
            }
        }
    }
}
