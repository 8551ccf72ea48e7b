import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs scores import|board|attempt`.
struct ScoresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores", abstract: "Оценки жюри.", subcommands: [Import.self, Board.self, Attempt.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Внести оценки с бумажных листов (CSV entry,juror,trial,criterion,score; entry — номер заявки, juror — логин).",
            discussion: "Читаются все столбцы файла оценок: attempt, penalty, factor, extra, extra:ИМЯ — там, где их объявляет положение. "
                + "Файл проверяется целиком; при любой ошибке не вносится ничего.")

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

extension ScoresCommand {
    /// `konkurs scores attempt 12 kvest 2 extra:skorost=1.5 factor=1.2`.
    struct Attempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Внести значения попытки, объявленные испытанием: коэффициент, дополнительные баллы (factor, extra, extra:ИМЯ).",
            discussion: "Пустое значение (extra:skorost=) снимает внесённое. Неизвестное положению значение отклоняется, ничего не меняется.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var application: Int64
        @Argument(help: "Испытание (id).") var trial: String
        @Argument(help: "Номер попытки.") var attempt: Int
        @Argument(help: "Значения СТОЛБЕЦ=ЧИСЛО.") var values: [String]

        func run() async throws {
            var typed: [String: String] = [:]
            for value in values {
                guard let sign = value.firstIndex(of: "=") else {
                    throw ValidationError("«\(value)»: ожидается СТОЛБЕЦ=ЧИСЛО, например extra:skorost=1.5")
                }
                typed[String(value[..<sign])] = String(value[value.index(after: sign)...])
            }
            let (application, trial, attempt, given) = (application, trial, attempt, typed)
            let saved = try await withServices(database, logging) {
                try await $0.scores.enterAttemptValues(
                    KonkursServices.commandLine, applicationID: application, trial: trial, attempt: attempt, values: given)
            }
            print(
                "Заявка №\(application), «\(trial)», попытка \(attempt): "
                    + (saved.isEmpty ? "значений нет" : saved.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")))
        }
    }
}
