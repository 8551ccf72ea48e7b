import ArgumentParser
import Foundation
import KonkursCore

/// Runs a command line and turns every failure into one line on stderr and a non-zero exit code.
public enum KonkursMain {
    public static func run(_ arguments: [String]? = nil) async -> Never {
        let command: any ParsableCommand
        do {
            command = try KonkursCommand.parseAsRoot(arguments)
        } catch {
            KonkursCommand.exit(withError: error)
        }
        // A group named without a subcommand (`konkurs user`) shows its help.
        if !type(of: command).configuration.subcommands.isEmpty {
            print(KonkursCommand.helpMessage(for: type(of: command)))
            exit(0)
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
            let failure = unwrappedFailure(error)
            // `--help` on a subcommand arrives from its run() as ArgumentParser's internal CommandError:
            // ArgumentParser prints it (help text, exit 0) like its other own errors.
            if failure is ExitCode || failure is CleanExit || String(describing: type(of: failure)) == "CommandError" {
                KonkursCommand.exit(withError: failure)
            }
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
