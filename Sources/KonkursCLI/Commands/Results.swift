import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs results …`: computing protocols.
struct Results: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Итоги конкурса.", subcommands: [Compute.self])

    /// `konkurs results compute`: a protocol from files, with no database (a laptop is enough).
    struct Compute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Посчитать протокол из файлов: положение, оценки, участники, решения.",
            discussion: "Формат файлов описан в Docs/regulation-format.md. Одинаковые входные данные всегда дают побайтно одинаковый протокол.")

        @Option(help: ArgumentHelp("Файл положения (YAML).", valueName: "R.yaml")) var regulation: String
        @Option(help: ArgumentHelp("Оценки жюри (CSV: entry,juror,criterion,score …).", valueName: "S.csv")) var scores: String
        @Option(help: ArgumentHelp("Участники (CSV: entry,name,organisation,status[,nomination]).", valueName: "E.csv")) var entries: String?
        @Option(help: ArgumentHelp("Список жюри (CSV: juror[,name]); оценки других членов жюри — ошибка.", valueName: "J.csv")) var jurors: String?
        @Option(help: ArgumentHelp("Решения жюри и председателя (YAML): равенства, специальные призы.", valueName: "D.yaml")) var decisions: String?
        @Option(help: ArgumentHelp("Формат: json, csv, md или html.", valueName: "формат")) var format: ProtocolRenderer.Format = .json
        @Option(help: ArgumentHelp("Куда записать протокол (по умолчанию — стандартный вывод).", valueName: "файл")) var out: String?

        func run() async throws {
            let files = OfflineResults.Files(
                regulation: try InputFiles.read(regulation), scores: try InputFiles.read(scores),
                entries: try entries.map(InputFiles.read), jurors: try jurors.map(InputFiles.read),
                decisions: try decisions.map(InputFiles.read))
            let output = try OfflineResults.compute(files, format: format)
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
}

extension ProtocolRenderer.Format: ExpressibleByArgument {}
