import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs application list|show|admit|return|reject|export`.
struct ApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application", abstract: "Заявки на конкурсы.",
        subcommands: [List.self, Show.self, Admit.self, Return.self, Reject.self, Export.self, Import.self])

    struct Filters: ParsableArguments {
        @Option(help: "Только заявки этого конкурса (номер).") var contest: Int64?
        @Option(help: "Только эта номинация (id из положения).") var nomination: String?
        @Option(help: "Только в этом состоянии: draft, submitted, returned, admitted, not_admitted, withdrawn.") var status: String?
        @Option(help: "Только этой организации (номер).") var organisation: Int64?

        func filter() throws -> ApplicationFilter {
            var status: Application.Status?
            if let raw = self.status {
                guard let value = Application.Status(rawValue: raw) else {
                    throw ValidationError("состояние «\(raw)»: ожидается \(Application.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                status = value
            }
            return ApplicationFilter(organisation: organisation, contest: contest, nomination: nomination, status: status)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Список заявок (номер, конкурс, номинация, организация, состояние, конкурсант).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var filters: Filters

        func run() async throws {
            let filter = try filters.filter()
            let applications = try await withServices(database, logging) {
                try await $0.applications.list(KonkursServices.commandLine, filter: filter)
            }
            for application in applications {
                print(
                    [
                        "\(application.id)", "\(application.contestID)", application.nomination, "\(application.organisationID)",
                        application.status.rawValue, application.entryTitle,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Заявка целиком, с документами.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64

        func run() async throws {
            let id = id
            let (application, documents, contest) = try await withServices(database, logging) { services in
                let application = try await services.applications.get(KonkursServices.commandLine, id: id)
                return (
                    application, try await services.applications.documents(KonkursServices.commandLine, applicationID: id),
                    try await services.contests.get(KonkursServices.commandLine, id: application.contestID)
                )
            }
            let nomination = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").nomination(application.nomination)
            print(
                "Заявка №\(application.id): «\(application.entryTitle)»; конкурс \(application.contestID), номинация «\(nomination?.title ?? application.nomination)», организация \(application.organisationName) (№\(application.organisationID))"
            )
            print("Состояние: \(application.status.title)\(application.reason.map { " — \($0)" } ?? "")")
            let publication = application.consentPublication.map { $0.isEmpty ? "ничего" : Application.publishableTitles($0) } ?? "не указано"
            print("Согласие на обработку: \(application.consentProcessing ? "да" : "нет"); разрешено публиковать: \(publication)")
            if application.selfNominated { print("Самовыдвижение") }
            for link in application.videoLinks { print("Видео: \(link)") }
            for member in application.members {
                let data = member.birthDate.isEmpty ? "" : ", \(member.position), род. \(member.birthDate), стаж с \(member.experienceStart)"
                let guardian = member.guardian.map { "; согласия дал(а) \($0)" } ?? ""
                print("  \(nomination?.entry.title(of: member.role) ?? member.role.rawValue): \(member.fullName)\(data)\(guardian)")
            }
            for field in nomination?.fields ?? [] { if let value = application.fields[field.id] { print("  \(field.title): \(value)") } }

            for document in documents {
                print("  документ №\(document.id) [\(document.kind)] \(document.fileName), \(document.size) байт, SHA-256 \(document.sha256)")
            }
        }
    }

    struct Admit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Допустить поданную заявку.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64
        @Option(help: "Примечание (необязательно).") var reason: String?

        func run() async throws { try await decide(database, logging, id, .admit, reason) }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Вернуть поданную заявку на доработку (до окончания приёма).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64
        @Option(help: "Что исправить (увидит организация).") var reason: String

        func run() async throws { try await decide(database, logging, id, .return, reason) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Не допустить поданную заявку.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64
        @Option(help: "Причина (увидит организация).") var reason: String

        func run() async throws { try await decide(database, logging, id, .reject, reason) }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Выгрузить список заявок в CSV или XLSX (выгрузка персональных данных записывается в журнал).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var filters: Filters
        @Option(help: "csv или xlsx.") var format = "csv"
        @Option(name: .shortAndLong, help: "Файл, куда записать (по умолчанию — стандартный вывод).") var output: String?

        func run() async throws {
            guard let format = ApplicationService.ExportFormat(rawValue: format) else {
                throw ValidationError("формат «\(self.format)»: ожидается csv или xlsx")
            }
            let filter = try filters.filter()
            let export = try await withServices(database, logging) {
                try await $0.applications.export(KonkursServices.commandLine, filter: filter, format: format)
            }
            if let output {
                try OutputFiles.write(export.bytes, to: output)
            } else {
                FileHandle.standardOutput.write(Data(export.bytes))
            }
        }
    }
}

extension ApplicationCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Загрузить заявки, собранные вне системы (CSV: строка на участника), черновиками их организаций.",
            discussion:
                "Сначала проверяется весь файл (каждая ошибка — с номером строки), затем всё записывается одной транзакцией. Тот же файл повторно не загружается. Формат — Docs/regulation-format.md."
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса (выпуска).") var contest: Int64
        @Argument(help: "CSV-файл с заявками.") var file: String

        func run() async throws {
            let input = try InputFiles.read(file)
            let report = try await withServices(database, logging) {
                try await $0.applications.importFile(KonkursServices.commandLine, contestID: contest, file: input) { written, total in
                    FileHandle.standardError.write(Data("записано заявок: \(written) из \(total)\n".utf8))
                }
            }
            print("Загрузка № \(report.importID): заявок \(report.applications), участников \(report.members) — черновики организаций.")
        }
    }
}

private func decide(
    _ database: DatabaseOptions, _ logging: LoggingOptions, _ id: Int64, _ decision: ApplicationService.Decision, _ reason: String?
) async throws {
    let application = try await withServices(database, logging) {
        try await $0.applications.decide(KonkursServices.commandLine, id: id, decision: decision, reason: reason)
    }
    print("Заявка №\(application.id): \(application.status.title).")
}
