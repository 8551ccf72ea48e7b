import Foundation

/// The text of a diploma or certificate for one award type: lines of plain text with placeholders
/// such as `{{name}}`. Plain text, not HTML, so a template cannot inject markup; the layout (A4
/// landscape, the first line as the title) is the system's. Unknown placeholders are refused when the
/// template is saved, not discovered on a printed diploma.
public struct DiplomaTemplate: Sendable, Equatable {
    public static let placeholders: [(name: String, title: String)] = [
        ("number", "номер диплома"), ("name", "ФИО как в заявке"), ("organisation", "организация"), ("award", "награда"),
        ("place", "место"), ("nomination", "номинация"), ("contest", "конкурс"), ("edition", "год (сезон)"),
        ("order", "номер приказа об утверждении итогов"), ("order_date", "дата приказа"),
    ]

    public struct UnknownPlaceholders: ActionableError, Equatable {
        public let names: [String]
        public var message: String {
            "в шаблоне неизвестные поля: " + names.map { "{{\($0)}}" }.joined(separator: ", ") + "; допустимы: "
                + DiplomaTemplate.placeholders.map { "{{\($0.name)}}" }.joined(separator: ", ")
        }
    }

    public let text: String

    public init(_ text: String) throws(UnknownPlaceholders) {
        let known = Set(Self.placeholders.map(\.name))
        var unknown: [String] = []
        for name in Self.names(in: text) where !known.contains(name) && !unknown.contains(name) { unknown.append(name) }
        guard unknown.isEmpty else { throw UnknownPlaceholders(names: unknown) }
        self.text = text
    }

    /// Every `{{…}}` in the text, trimmed; an unclosed `{{` counts as a placeholder named by the rest of the line.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else {
                names.append(String(rest.prefix { $0 != "\n" }))
                break
            }
            names.append(String(rest[..<close.lowerBound]).trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The lines with the values filled in (plain text; the page escapes them).
    public func lines(_ values: [String: String]) -> [String] {
        var filled = text
        for (name, value) in values {
            filled = filled.replacingAll("{{\(name)}}", with: value).replacingAll("{{ \(name) }}", with: value)
        }
        return filled.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The text used when the department has not set one for an award type.
    public static func standard(for award: String) -> String {
        let (title, what) =
            switch award {
            case "winner": ("ДИПЛОМ", "победителя")
            case "second", "third": ("ДИПЛОМ", "призёра ({{place}} место)")
            case "laureate": ("ДИПЛОМ", "лауреата")
            case "special": ("ДИПЛОМ", "специального приза «{{award}}»")
            default: ("СЕРТИФИКАТ", "участника")
            }
        return """
            \(title)
            \(what)
            {{contest}}, {{edition}}
            в номинации «{{nomination}}»
            награждается
            {{name}}
            {{organisation}}
            Приказ № {{order}} от {{order_date}}
            """
    }
}

/// One numbered diploma, ready to print.
public struct Diploma: Sendable, Equatable {
    public var number: String
    public var lines: [String]

    public init(number: String, lines: [String]) {
        self.number = number
        self.lines = lines
    }

    /// Every diploma given, one A4 landscape page each, as one printable document.
    public static func printHTML(_ diplomas: [Diploma], title: String, linkedStyle: Bool = false) -> String {
        let pages = diplomas.map { diploma in
            "<section class=\"diploma\">" + diploma.lines.map { "<p>\(escape($0))</p>" }.joined()
                + "<p class=\"number\">№ \(escape(diploma.number))</p></section>"
        }
        return ProtocolDocument.page(title: title, landscape: true, body: pages.joined(separator: "\n"), linkedStyle: linkedStyle)
    }
}
