import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs org import|export`.
struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "org", abstract: "Реестр организаций.", subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Загрузить организации из CSV (full_name,short_name,kind[,district]).",
            discussion: "При ошибках в строках не загружается ничего, если не задан --skip-bad.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Файл CSV.") var file: String
        @Flag(help: "Загрузить хорошие строки, пропустив плохие.") var skipBad = false

        func run() async throws {
            let input = try InputFiles.read(file)
            let skipBad = skipBad
            let report = try await withServices(database, logging) {
                try await $0.organisations.importCSV(KonkursServices.commandLine, file: input, skipBad: skipBad)
            }
            print("Загружено организаций: \(report.imported); пропущено строк: \(report.skipped.count).")
            for problem in report.skipped { print("  \(problem)") }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Выгрузить реестр организаций в CSV.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let csv = try await withServices(database, logging) { try await $0.organisations.exportCSV(KonkursServices.commandLine) }
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }
}
