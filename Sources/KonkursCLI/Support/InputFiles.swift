import Foundation
import KonkursCore

/// Why a command failed, in one line a person can act on.
struct CommandFailure: ActionableError {
    let message: String
}

/// Reading the files a command is given, with a clear message when one cannot be read.
enum InputFiles {
    static func read(_ path: String) throws -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "нет прав на чтение" : "файл не найден"
            throw CommandFailure(message: "не удаётся прочитать \(path): \(reason)")
        }
        return InputFile(name: path, bytes: [UInt8](data))
    }
}

/// Writing a command's output file.
enum OutputFiles {
    /// Atomically: a reader never sees half a file.
    static func write(_ bytes: some Sequence<UInt8>, to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(message: "не удаётся записать \(path): \(error.localizedDescription)")
        }
    }
}
