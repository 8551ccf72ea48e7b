/// Input that breaks the rules of a form or API body: every field with its problem, in Russian.
public struct InvalidInput: ActionableError, Equatable {
    public let problems: [Problem]

    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public var message: String { problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
}

/// Collects field problems while checking a draft.
public struct FieldChecks {
    public private(set) var problems: [InvalidInput.Problem] = []

    public init() {}

    public mutating func require(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { problems.append(.init(field: field, message: message)) }
    }

    /// Trimmed text of 1…`limit` characters.
    public mutating func text(_ value: String, _ field: String, limit: Int, title: String) -> String {
        let trimmed = value.trimmingSpaces
        require(!trimmed.isEmpty, field, "\(title): поле обязательно")
        require(trimmed.count <= limit, field, "\(title): не длиннее \(limit) символов")
        // PostgreSQL text cannot hold NUL, and no control character belongs in a name.
        require(!trimmed.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, field, "\(title): недопустимые управляющие символы")
        return trimmed
    }

    /// Trimmed text of up to `limit` characters that may span lines (appeals, notes, templates, files):
    /// line breaks and tabs are kept, any other control character (a NUL PostgreSQL refuses) is not.
    /// Empty is refused unless `required` is false (then it is returned empty).
    public mutating func paragraphs(_ value: String, _ field: String, limit: Int, title: String, required: Bool = true) -> String {
        let trimmed = value.trimmingSpaces
        if required { require(!trimmed.isEmpty, field, "\(title): поле обязательно") }
        require(trimmed.count <= limit, field, "\(title): не длиннее \(limit) символов")
        require(
            !trimmed.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }, field,
            "\(title): недопустимые управляющие символы")
        return trimmed
    }

    public func check() throws(InvalidInput) {
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
