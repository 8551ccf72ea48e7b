import Hummingbird
import KonkursCore

extension Parameters {
    /// A record's number from the path. The OpenAPI document declares path numbers as integers, and
    /// JSON Schema counts `1.0` as the integer 1, so an integral decimal is read as that integer;
    /// anything else is a 400 naming the parameter.
    func id(_ name: String) throws -> Int64 {
        let text = try require(name)
        if let value = Int64(text) { return value }
        if let decimal = DecimalText.parse(text), decimal.denominator == 1, let value = Int64(exactly: decimal.numerator) { return value }
        throw HTTPError(.badRequest, message: "«\(text)» в пути (\(name)) — не номер записи")
    }
}
