/// One problem in an input file, with its line.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Input files that cannot be computed from; nothing partial is computed.
public struct InputError: ActionableError, Equatable {
    public let problems: [InputProblem]
    /// All problems found, including those beyond the listed ones.
    public let total: Int

    public static let listLimit = 50

    public init(problems: [InputProblem], total: Int) {
        self.problems = problems
        self.total = total
    }

    public var message: String {
        "во входных данных найдено ошибок: \(total); ничего не посчитано:\n" + lines.map { "  \($0)" }.joined(separator: "\n")
    }

    /// One line per listed problem, and how many more there are, for a page's error list.
    public var lines: [String] {
        problems.map(\.description) + (total > problems.count ? ["… и ещё \(total - problems.count)"] : [])
    }
}

/// Collects problems up to the list limit, counting the rest.
struct ProblemList {
    private(set) var problems: [InputProblem] = []
    private(set) var total = 0

    mutating func add(_ file: String, _ line: Int, _ message: String) {
        total += 1
        if problems.count < InputError.listLimit { problems.append(InputProblem(file: file, line: line, message: message)) }
    }

    var isEmpty: Bool { total == 0 }

    func throwIfAny() throws(InputError) {
        if total > 0 { throw InputError(problems: problems, total: total) }
    }
}

extension ProblemList {
    /// Calls `body` for every record of a CSV file (the header first); a malformed or empty file
    /// becomes a problem of its own.
    mutating func records(_ file: InputFile, _ body: (_ fields: [CSVField], _ line: Int, _ problems: inout ProblemList) -> Void) {
        do {
            var sawHeader = false
            try CSVReader(bytes: file.bytes).forEachRecord { fields, line in
                sawHeader = true
                body(fields, line, &self)
            }
            if !sawHeader { add(file.name, 1, "файл пуст: нужна строка заголовка") }
        } catch let error as CSVReader.Malformed {
            add(file.name, error.line, "нарушен формат CSV: \(error.problem)")
        } catch {
            add(file.name, 0, "\(error)")
        }
    }
}
