import ArgumentParser
import Foundation
import KonkursService

/// `konkurs regulation check FILE…`: validates regulation files.
struct RegulationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regulation", abstract: "Файлы положений.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Проверить файлы положений и вывести сводку по каждому.")

        @Argument(help: ArgumentHelp("Файлы положений (YAML).", valueName: "файл")) var files: [String]

        func run() async throws {
            var failures: [String] = []
            for path in files {
                do {
                    FileHandle.standardOutput.write(Data((try OfflineResults.summary(of: try InputFiles.read(path)) + "\n").utf8))
                } catch {
                    failures.append(KonkursMain.describe(error))
                }
            }
            guard failures.isEmpty else { throw CommandFailure(message: failures.joined(separator: "\n")) }
        }
    }
}
