/// Splits a SQL file into single statements.
///
/// PostgresNIO speaks the extended query protocol, which takes one statement at a time. The split
/// respects quoted strings, quoted identifiers, dollar-quoted bodies and both kinds of comment, so a
/// `;` inside a function body or a string does not end a statement.
public enum SQLScript {
    public static func statements(in script: String) -> [String] {
        let characters = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0

        func flush() {
            let statement = String(current).trimmingWhitespace()
            if !statement.isEmpty && !isOnlyComments(statement) { statements.append(statement) }
            current = String.UnicodeScalarView()
        }
        func copy(until end: Int) {
            let stop = min(end, characters.count)
            current.append(contentsOf: characters[index..<stop])
            index = stop
        }

        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'", "\"":
                copy(until: closingQuote(character, in: characters, from: index + 1) + 1)
            case "-" where next == "-":
                copy(until: (characters[index...].firstIndex(of: "\n") ?? characters.count) + 1)
            case "/" where next == "*":
                copy(until: closingComment(in: characters, from: index + 2))
            case "$":
                if let tag = dollarTag(in: characters, at: index) {
                    copy(until: closingDollarQuote(tag, in: characters, from: index + tag.count))
                } else {
                    copy(until: index + 1)
                }
            case ";":
                index += 1
                flush()
            default:
                copy(until: index + 1)
            }
        }
        flush()
        return statements
    }

    /// Index of the quote that closes a string or identifier opened before `start` (a doubled quote is an escape).
    private static func closingQuote(_ quote: Unicode.Scalar, in characters: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count && characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return characters.count
    }

    /// Index just past the `*/` that closes a block comment (block comments nest in PostgreSQL).
    private static func closingComment(in characters: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 1
        var index = start
        while index + 1 < characters.count {
            if characters[index] == "*" && characters[index + 1] == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else if characters[index] == "/" && characters[index + 1] == "*" {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        return characters.count
    }

    /// `$$` or `$name$` starting at `index`, or nil when the `$` is something else (e.g. `$1`).
    private static func dollarTag(in characters: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var end = index + 1
        while end < characters.count,
            characters[end] == "_" || characters[end].properties.isAlphabetic
                || (end > index + 1 && ("0"..."9").contains(characters[end]))
        {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { return nil }
        return Array(characters[index...end])
    }

    private static func closingDollarQuote(_ tag: [Unicode.Scalar], in characters: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index + tag.count <= characters.count {
            if Array(characters[index..<(index + tag.count)]) == tag { return index + tag.count }
            index += 1
        }
        return characters.count
    }

    private static func isOnlyComments(_ statement: String) -> Bool {
        statement.split(separator: "\n").allSatisfy { $0.trimmingWhitespace().isEmpty || $0.trimmingWhitespace().hasPrefix("--") }
    }
}

extension StringProtocol {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        var text = String(String.UnicodeScalarView(scalars))
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
        return text
    }
}
