import ArgumentParser
import Foundation
import KonkursCore
import KonkursStore

/// Runs a command line and turns every failure into one line on stderr and a non-zero exit code.
public enum KonkursMain {
    public static func run(_ arguments: [String]? = nil) async -> Never {
        let command: any ParsableCommand
        do {
            command = try KonkursCommand.parseAsRoot(arguments)
        } catch {
            KonkursCommand.exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            exit(0)
        } catch {
            let failure = error.unwrappingTransactionError
            if failure is ExitCode || failure is CleanExit { KonkursCommand.exit(withError: failure) }
            FileHandle.standardError.write(Data("konkurs: ошибка: \(describe(failure))\n".utf8))
            exit(1)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let actionable = error as? any ActionableError { return actionable.message }
        if let validation = error as? ValidationError { return validation.message }
        return String(describing: error)
    }
}
