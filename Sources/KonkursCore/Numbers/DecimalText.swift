/// Decimal numbers as text: parsing marks and regulation values exactly, printing results.
public enum DecimalText {
    /// Parses `-12.345` / `12` / `.5` (a dot as separator, no exponent) into an exact fraction.
    public static func parse(_ text: some StringProtocol) -> Rational? {
        parse(bytes: Array(text.utf8)[...])
    }

    /// The same on raw UTF-8, for the CSV reader's hot loop.
    public static func parse<Bytes: Collection<UInt8>>(bytes: Bytes) -> Rational? where Bytes.Index == Int {
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var numerator: Int128 = 0
        var denominator: Int128 = 1
        var digits = 0
        var seenPoint = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if digits > 30 { return nil }
                numerator = numerator * 10 + Int128(byte - UInt8(ascii: "0"))
                if seenPoint { denominator *= 10 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        return Rational(negative ? -numerator : numerator, denominator)
    }

    /// A mark in millionths (`12.5` → 12_500_000), or nil when it is not a number or has more than six
    /// decimals. The hot path of reading score files: no fractions, no allocation.
    static func units<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int64? where Bytes.Index == Int {
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value: Int64 = 0
        var decimals = -1
        var digits = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if decimals >= 0 { return nil }
                decimals = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if decimals >= 0 { decimals += 1 }
                if digits > 15 || decimals > 6 { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        for _ in 0..<(6 - max(decimals, 0)) { value *= 10 }
        return negative ? -value : value
    }

    /// Prints `value` with exactly `places` digits after the point; `value` must be a multiple of
    /// 10^-places (round it first).
    public static func format(_ value: Rational, places: Int) -> String {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = value.numerator * scale / value.denominator
        let magnitude = scaled.magnitude
        let text = String(magnitude)
        let integerPart: String
        let fraction: String
        if places == 0 {
            integerPart = text
            fraction = ""
        } else {
            let padded = String(repeating: "0", count: max(0, places + 1 - text.count)) + text
            integerPart = String(padded.dropLast(places))
            fraction = "." + padded.suffix(places)
        }
        return (scaled < 0 ? "-" : "") + integerPart + fraction
    }

    /// The shortest exact decimal text of a value whose denominator divides a power of ten, else nil.
    public static func exact(_ value: Rational) -> String? {
        var places = 0
        var power: Int128 = 1
        while power % value.denominator != 0 {
            places += 1
            if places > 30 { return nil }
            power *= 10
        }
        return format(value, places: places)
    }
}
