import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs results …`: computing protocols.
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Итоги конкурса.",
        subcommands: [
            Compute.self, Export.self, RecordDecisions.self, DrawProtocol.self, Sign.self, Approve.self, Publish.self, Document.self,
        ])

    /// `konkurs results compute`: a protocol from files, with no database (a laptop is enough), or
    /// from a contest in the database through the very same path (`--contest`).
    struct Compute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Посчитать протокол: из файлов (положение, оценки, участники, решения) или по конкурсу в базе (--contest).",
            discussion: """
                Формат файлов описан в Docs/regulation-format.md. Одинаковые входные данные всегда дают побайтно одинаковый протокол;                 `results export --contest` выгружает данные конкурса в те же файлы, и расчёт по ним совпадает с расчётом по базе.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: ArgumentHelp("Конкурс в базе (номер) вместо файлов.", valueName: "номер")) var contest: Int64?
        @Option(help: ArgumentHelp("Файл положения (YAML).", valueName: "R.yaml")) var regulation: String?
        @Option(help: ArgumentHelp("Оценки жюри (CSV: entry,juror,criterion,score …).", valueName: "S.csv")) var scores: String?
        @Option(help: ArgumentHelp("Участники (CSV: entry,name,organisation,status[,nomination]).", valueName: "E.csv")) var entries: String?
        @Option(help: ArgumentHelp("Список жюри (CSV: juror[,name]); оценки других членов жюри — ошибка.", valueName: "J.csv")) var jurors: String?
        @Option(help: ArgumentHelp("Решения жюри и председателя (YAML): равенства, специальные призы.", valueName: "D.yaml")) var decisions: String?
        @Option(help: ArgumentHelp("Формат: json, csv, md или html.", valueName: "формат")) var format: ProtocolRenderer.Format = .json
        @Option(help: ArgumentHelp("Куда записать протокол (по умолчанию — стандартный вывод).", valueName: "файл")) var out: String?

        func run() async throws {
            let output: OfflineResults.Output
            if let contest {
                let format = format
                output = try await withServices(database, logging) {
                    try await $0.results.compute(KonkursServices.commandLine, contestID: contest, format: format)
                }
            } else {
                guard let regulation, let scores else { throw ValidationError("укажите --regulation и --scores (или --contest для конкурса в базе)") }
                let files = OfflineResults.Files(
                    regulation: try InputFiles.read(regulation), scores: try InputFiles.read(scores),
                    entries: try entries.map(InputFiles.read), jurors: try jurors.map(InputFiles.read),
                    decisions: try decisions.map(InputFiles.read))
                output = try OfflineResults.compute(files, format: format)
            }
            if let out {
                try OutputFiles.write(output.text.utf8, to: out)
            } else {
                FileHandle.standardOutput.write(Data(output.text.utf8))
            }
            for warning in output.warnings {
                FileHandle.standardError.write(Data("konkurs: внимание: \(warning)\n".utf8))
            }
        }
    }

    /// `konkurs results export --contest ID --dir D`: a contest's data as the offline computation's files.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Выгрузить данные конкурса в файлы для расчёта без базы: regulation.yaml, scores.csv, entries.csv.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Папка, куда записать файлы.") var dir: String

        func run() async throws {
            let contest = contest
            let files = try await withServices(database, logging) { try await $0.results.inputs(KonkursServices.commandLine, contestID: contest) }
            let written = [files.regulation, files.scores] + [files.entries, files.decisions].compactMap { $0 }
            for file in written {
                try OutputFiles.write(file.bytes, to: URL(fileURLWithPath: dir).appendingPathComponent(file.name).path)
            }
            print("Записаны \(written.map(\.name).joined(separator: ", ")) в \(dir).")
        }
    }

    /// `konkurs results decisions --contest ID D.yaml`: the people's decisions the protocol needs.
    struct RecordDecisions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decisions", abstract: "Записать решения жюри и председателя (равенства, специальные призы) — файл D.yaml.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Argument(help: "Файл решений (YAML).") var file: String

        func run() async throws {
            let input = try InputFiles.read(file)
            let (contest, text) = (contest, String(decoding: input.bytes, as: UTF8.self))
            try await withServices(database, logging) {
                try await $0.results.recordDecisions(KonkursServices.commandLine, contestID: contest, text: text)
            }
            print("Решения записаны; они войдут в протокол конкурса №\(contest).")
        }
    }
}

extension ProtocolRenderer.Format: ExpressibleByArgument {}
