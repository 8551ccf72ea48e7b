import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs scores import|board`.
struct ScoresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scores", abstract: "Оценки жюри.", subcommands: [Import.self, Board.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Внести оценки с бумажных листов (CSV entry,juror,trial,criterion,score; entry — номер заявки, juror — логин).",
            discussion: "Файл проверяется целиком; при любой ошибке не вносится ничего.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер конкурса.") var contest: Int64
        @Argument(help: "Файл CSV.") var file: String

        func run() async throws {
            let input = try InputFiles.read(file)
            let contest = contest
            let count = try await withServices(database, logging) {
                try await $0.scores.importPaper(KonkursServices.commandLine, contestID: contest, file: input)
            }
            print("Внесено и сдано листов: \(count).")
        }
    }

    struct Board: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ход оценивания текущего этапа: сколько листов сдал каждый член жюри, где расхождения.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер конкурса.") var contest: Int64

        func run() async throws {
            let contest = contest
            let board = try await withServices(database, logging) { try await $0.scores.board(KonkursServices.commandLine, contestID: contest) }
            print("Этап: \(board.stage?.title ?? "не начат"); \(board.complete ? "все листы сданы" : "сданы не все листы")")
            for juror in board.jurors { print("  \(juror.fullName)\t\(juror.submitted) из \(juror.owed)") }
            for line in board.applications where !line.disagreements.isEmpty {
                let spreads = line.disagreements.sorted { $0.key < $1.key }.map { "\($0.key): \(DecimalText.exact($0.value) ?? "")" }
                print("  расхождение по заявке №\(line.application.id): \(spreads.joined(separator: ", "))")
            }
        }
    }
}
