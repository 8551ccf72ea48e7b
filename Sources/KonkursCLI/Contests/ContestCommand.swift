import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs contest create|list|schedule|transition`.
struct ContestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contest", abstract: "Конкурсы (издания по положениям).", subcommands: [Create.self, List.self, Schedule.self, Transition.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Создать черновик конкурса из файла положения — или по образцу прошлого издания (--from N --edition 2027).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Файл положения (YAML).") var file: String?
        @Option(help: "Номер конкурса, чьё положение взять за образец (даты не копируются).") var from: Int64?
        @Option(help: "Название нового издания (с --from), например 2027.") var edition: String?

        func validate() throws {
            switch (file, from, edition) {
            case (.some, nil, nil), (nil, .some, .some): break
            case (nil, .some, nil): throw ValidationError("С --from укажите --edition: название нового издания, например 2027")
            default: throw ValidationError("Укажите файл положения или --from N --edition НАЗВАНИЕ (одно из двух)")
            }
        }

        func run() async throws {
            let (file, from, name) = (file, from, edition)
            let created = try await withServices(database, logging) { services in
                if let from, let name { return try await services.contests.createEdition(KonkursServices.commandLine, from: from, edition: name) }
                let input = try InputFiles.read(file ?? "")
                return try await services.contests.create(
                    KonkursServices.commandLine, regulation: String(decoding: input.bytes, as: UTF8.self), fileName: input.name)
            }
            print("Создан конкурс №\(created.id): \(created.title), \(created.edition) — \(created.phase.title).")
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
