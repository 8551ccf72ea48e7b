import Foundation
import KonkursCore

/// Reading the files a command is given, with a clear message when one cannot be read.
enum InputFiles {
    struct Failure: ActionableError {
        let message: String
    }

    static func read(_ path: String) throws -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "нет прав на чтение" : "файл не найден"
            throw Failure(message: "не удаётся прочитать \(path): \(reason)")
        }
        return InputFile(name: path, bytes: [UInt8](data))
    }
}
