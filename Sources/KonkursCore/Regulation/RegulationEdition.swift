import Foundation

/// A new edition of a contest from last year's regulation: the same text (its comments and layout
/// kept) with the top-level `edition:` line replaced.
public enum RegulationEdition {
    /// The regulation text for `edition`, or a Russian reason why it cannot be made.
    public static func renamed(_ text: String, edition: String) -> Result<String, InvalidInput> {
        let name = edition.trimmingSpaces
        guard !name.isEmpty, name.count <= Regulation.editionLimit, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
            return .failure(
                InvalidInput([.init(field: "edition", message: "Название издания: от 1 до \(Regulation.editionLimit) символов в одну строку")]))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("edition:") }) else {
            return .failure(InvalidInput([.init(field: "edition", message: "В положении нет строки «edition:» верхнего уровня")]))
        }
        lines[index] = "edition: \(quoted(name))"
        return .success(lines.joined(separator: "\n"))
    }

    /// A YAML double-quoted scalar (the escapes YAML shares with JSON).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
