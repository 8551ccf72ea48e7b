/// A JSON document with ordered keys, serialised the same way every time (two-space indent, UTF-8
/// kept as is), so protocols are byte-identical for the same input.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialised() == rhs.serialised() }

    public func serialised() -> String {
        var output = ""
        write(into: &output, indent: 0)
        return output + "\n"
    }

    private static let indents = (0..<32).map { String(repeating: "  ", count: $0) }

    private func write(into output: inout String, indent: Int) {
        let padding = indent + 1 < Self.indents.count ? Self.indents[indent + 1] : String(repeating: "  ", count: indent + 1)
        let closing = indent < Self.indents.count ? Self.indents[indent] : String(repeating: "  ", count: indent)
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                output += padding + Self.quoted(key) + ": "
                value.write(into: &output, indent: indent + 1)
                output += index == pairs.count - 1 ? "\n" : ",\n"
            }
            output += closing + "}"
        case .array(let values):
            guard !values.isEmpty else {
                output += "[]"
                return
            }
            if values.allSatisfy(\.isScalar) {
                output += "[" + values.map { $0.serialised().dropLast() }.joined(separator: ", ") + "]"
                return
            }
            output += "[\n"
            for (index, value) in values.enumerated() {
                output += padding
                value.write(into: &output, indent: indent + 1)
                output += index == values.count - 1 ? "\n" : ",\n"
            }
            output += closing + "]"
        case .string(let text): output += Self.quoted(text)
        case .integer(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    /// A flat object of strings on one line with sorted keys (`{"a":"1","b":"2"}`): audit details,
    /// sheet marks. Written by hand because it runs on every mark and Foundation's encoder is slow.
    public static func compact(_ strings: [String: String]) -> String {
        "{" + strings.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + quoted($0.value) }.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
