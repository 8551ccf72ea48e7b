import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs diplomas template|print`.
struct DiplomasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diplomas", abstract: "Дипломы и сертификаты.", subcommands: [Template.self, Print.self])

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Задать шаблон диплома для вида награды (текст с полями {{name}}, {{award}} …).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Вид награды: winner, second, third, laureate, special, participant.") var award: String
        @Argument(help: "Файл шаблона (текст UTF-8).") var file: String

        func run() async throws {
            let text = String(decoding: try InputFiles.read(file).bytes, as: UTF8.self)
            let (contest, award) = (contest, award)
            try await withServices(database, logging) {
                try await $0.diplomas.setTemplate(KonkursServices.commandLine, contestID: contest, award: award, text: text)
            }
            print("Шаблон «\(award)» сохранён.")
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Все дипломы конкурса (или одной заявки) одним документом для печати (A4, альбомная).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Только для этой заявки.") var application: Int64?
        @Option(name: [.short, .long], help: "Файл HTML.") var out: String

        func run() async throws {
            let (contest, application) = (contest, application)
            let html = try await withServices(database, logging) {
                try await $0.diplomas.render(KonkursServices.commandLine, contestID: contest, applicationID: application)
            }
            try OutputFiles.write(html.utf8, to: out)
            print("Записан \(out).")
        }
    }
}
