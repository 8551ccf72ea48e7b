import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs contest create|list|schedule|transition`.
struct ContestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contest", abstract: "Конкурсы (издания по положениям).", subcommands: [Create.self, List.self, Schedule.self, Transition.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Создать черновик конкурса из файла положения.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Файл положения (YAML).") var file: String

        func run() async throws {
            let input = try InputFiles.read(file)
            let text = String(decoding: input.bytes, as: UTF8.self)
            let edition = try await withServices(database, logging) {
                try await $0.contests.create(KonkursServices.commandLine, regulation: text, fileName: input.name)
            }
            print("Создан конкурс №\(edition.id): \(edition.title), \(edition.edition) — \(edition.phase.title).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Список конкурсов.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            for edition in try await withServices(database, logging, { try await $0.contests.list(KonkursServices.commandLine) }) {
                print("\(edition.id)\t\(edition.title)\t\(edition.edition)\t\(edition.phase.rawValue)")
            }
        }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Задать сроки приёма заявок (местное время конкурса): у черновика и объявленного конкурса — любые, пока приём открыт — только окончание (продление)."
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер конкурса.") var id: Int64
        @Option(help: "Начало приёма, «ГГГГ-ММ-ДД ЧЧ:ММ»; без него начало остаётся прежним.") var opens: String?
        @Option(help: "Окончание приёма, «ГГГГ-ММ-ДД ЧЧ:ММ».") var closes: String

        func run() async throws {
            let (id, opens, closes) = (id, opens, closes)
            _ = try await withServices(database, logging) {
                try await $0.contests.schedule(KonkursServices.commandLine, id: id, opens: opens, closes: closes)
            }
            print("Сроки приёма заявок конкурса №\(id) заданы.")
        }
    }

    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Перевести конкурс в следующее состояние.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер конкурса.") var id: Int64
        @Argument(help: "Состояние: \(ContestPhase.allCases.map(\.rawValue).joined(separator: ", ")).") var phase: String

        func run() async throws {
            guard let target = ContestPhase(rawValue: phase) else {
                throw ValidationError("неизвестное состояние «\(phase)»; допустимы: \(ContestPhase.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let id = id
            let edition = try await withServices(database, logging) {
                try await $0.contests.transition(KonkursServices.commandLine, id: id, to: target)
            }
            print("Конкурс №\(id): \(edition.phase.title).")
        }
    }
}
