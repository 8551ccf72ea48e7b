import Foundation

/// A field of the contest's own on the application form (the title of the practice, the topic of a
/// master class, the age group), declared in the regulation's nomination under `fields`.
public struct OwnField: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case text
        case longText = "long_text"
        case number, date, choice, link

        public var title: String {
            switch self {
            case .text: "строка"
            case .longText: "текст"
            case .number: "число"
            case .date: "дата"
            case .choice: "выбор из списка"
            case .link: "ссылка"
            }
        }
    }

    /// Who reads the value besides the organisation: the jury with the department, or the department only.
    public enum Visibility: String, Sendable, CaseIterable {
        case jury, department
    }

    public var id: String
    public var title: String
    public var kind: Kind
    public var required: Bool
    /// The choices of a `choice` field, as printed.
    public var options: [String]
    public var visibility: Visibility

    public static let textLimit = 300
    public static let longTextLimit = 5000

    public init(id: String, title: String, kind: Kind, required: Bool, options: [String] = [], visibility: Visibility = .jury) {
        self.id = id
        self.title = title
        self.kind = kind
        self.required = required
        self.options = options
        self.visibility = visibility
    }

    /// Why the value cannot be this field's (in Russian), or nil. An empty value is the submit check's
    /// business (`required`), so drafts may leave fields empty.
    public func problem(_ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        switch kind {
        case .text where value.count > Self.textLimit || value.contains(where: \.isNewline):
            return "«\(title)»: одна строка, не длиннее \(Self.textLimit) символов"
        case .longText where value.count > Self.longTextLimit:
            return "«\(title)»: не длиннее \(Self.longTextLimit) символов"
        case .number where DecimalText.parse(value.replacingOccurrences(of: ",", with: ".")) == nil:
            return "«\(title)»: ожидается число, например 12 или 4,5"
        case .date where CalendarDate(value) == nil:
            return "«\(title)»: ожидается дата ГГГГ-ММ-ДД"
        case .choice where !options.contains(value):
            return "«\(title)»: выберите одно из: \(options.joined(separator: "; "))"
        case .link where !WebLink.isValid(value):
            return "«\(title)»: ссылка начинается с https:// или http://, не длиннее 500 символов"
        default:
            return nil
        }
    }

    /// Every problem of the values against the declared fields: unknown fields, wrong types and,
    /// when `submitting`, required fields left empty.
    public static func problems(_ values: [String: String], declared: [OwnField], submitting: Bool) -> [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        for key in values.keys.sorted() where !declared.contains(where: { $0.id == key }) {
            let known = declared.map(\.id).joined(separator: ", ")
            problems.append(("fields.\(key)", "Поля «\(key)» в положении нет\(known.isEmpty ? "" : "; поля номинации: \(known)")"))
        }
        for field in declared {
            let value = values[field.id] ?? ""
            if let problem = field.problem(value) {
                problems.append(("fields.\(field.id)", problem))
            } else if submitting && field.required && value.isEmpty {
                problems.append(("fields.\(field.id)", "Не заполнено обязательное поле «\(field.title)»"))
            }
        }
        return problems
    }

}
