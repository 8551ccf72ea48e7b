import Foundation

/// The process environment, where every flag finds its fallback.
typealias Environment = [String: String]

extension Environment {
    static var process: Environment { ProcessInfo.processInfo.environment }

    /// A flag's value: the flag itself, else the environment variable (when not empty), else the default.
    func value(_ flag: String?, _ variable: String, default fallback: String) -> String {
        flag ?? self[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }
}
