/// One thing wrong in a regulation file: where (file, line, field) and what.
public struct RegulationIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// Path of the field, e.g. `stages[1].trials[0].criteria[2].max`.
    public let field: String
    public let problem: String

    public var description: String { "\(file):\(line): \(field): \(problem)" }
}

/// A regulation (or decisions file) that cannot be used, with every problem found.
public struct RegulationError: ActionableError, Equatable {
    public let issues: [RegulationIssue]
    /// Where the problems are, for the message: "в положении" or "в файле решений".
    public let document: String

    public init(issues: [RegulationIssue], document: String = "в положении") {
        self.issues = issues
        self.document = document
    }

    public var message: String {
        "ошибки \(document) (\(issues.count)):\n" + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
