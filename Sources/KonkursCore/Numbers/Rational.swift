/// An exact fraction: every score Konkurs computes is one, and is rounded only where the regulation
/// says. Means of marks (a sum divided by the number of jurors) stay exact, so "round only at the end"
/// really rounds the exact value.
///
/// 128-bit parts cover any real contest by a wide margin; an overflow is reported, never wrapped.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128  // always > 0, and coprime with the numerator

    public struct Overflow: Error, Sendable {}

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ integer: Int) {
        numerator = Int128(integer)
        denominator = 1
    }

    /// - Precondition: `denominator != 0`.
    public init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator != 0, "a fraction needs a non-zero denominator")
        if denominator == 1 || numerator == 0 {
            self.numerator = numerator
            self.denominator = numerator == 0 ? 1 : denominator
            return
        }
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int128 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    public var isInteger: Bool { denominator == 1 }
    public var isNegative: Bool { numerator < 0 }

    public var description: String { isInteger ? "\(numerator)" : "\(numerator)/\(denominator)" }

    // MARK: - Arithmetic (trapping on overflow is replaced by `Overflow` in the checked forms)

    public func adding(_ other: Rational) throws(Overflow) -> Rational {
        if denominator == other.denominator {
            return Rational(try Self.checked(numerator.addingReportingOverflow(other.numerator)), denominator)
        }
        let divisor = Int128(Self.gcd(denominator.magnitude, other.denominator.magnitude))
        let left = try Self.checked(numerator.multipliedReportingOverflow(by: other.denominator / divisor))
        let right = try Self.checked(other.numerator.multipliedReportingOverflow(by: denominator / divisor))
        let sum = try Self.checked(left.addingReportingOverflow(right))
        let common = try Self.checked((denominator / divisor).multipliedReportingOverflow(by: other.denominator))
        return Rational(sum, common)
    }

    public func subtracting(_ other: Rational) throws(Overflow) -> Rational {
        try adding(Rational(-other.numerator, other.denominator))
    }

    public func multiplied(by other: Rational) throws(Overflow) -> Rational {
        let first = Int128(Self.gcd(numerator.magnitude, other.denominator.magnitude))
        let second = Int128(Self.gcd(other.numerator.magnitude, denominator.magnitude))
        let top = try Self.checked((numerator / first).multipliedReportingOverflow(by: other.numerator / second))
        let bottom = try Self.checked((denominator / second).multipliedReportingOverflow(by: other.denominator / first))
        return Rational(top, bottom)
    }

    /// - Precondition: `other != 0`.
    public func divided(by other: Rational) throws(Overflow) -> Rational {
        try multiplied(by: Rational(other.denominator, other.numerator))
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        // Parts that fit in 63 bits: the cross products fit in 128 bits.
        if let a = Int64(exactly: lhs.numerator), let b = Int64(exactly: rhs.denominator),
            let c = Int64(exactly: rhs.numerator), let d = Int64(exactly: lhs.denominator)
        {
            return Int128(a) * Int128(b) < Int128(c) * Int128(d)
        }
        // Cross-multiplication in 256 bits cannot overflow.
        let left = WideProduct(lhs.numerator, rhs.denominator)
        let right = WideProduct(rhs.numerator, lhs.denominator)
        return left < right
    }

    // MARK: - Helpers

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        // 128-bit division is done in software; marks and means almost always fit in 64 bits.
        while b != 0 {
            if a <= UInt128(UInt64.max) && b <= UInt128(UInt64.max) {
                var (x, y) = (UInt64(a), UInt64(b))
                while y != 0 { (x, y) = (y, x % y) }
                return x == 0 ? 1 : UInt128(x)
            }
            (a, b) = (b, a % b)
        }
        return a == 0 ? 1 : a
    }

    private static func checked(_ result: (partialValue: Int128, overflow: Bool)) throws(Overflow) -> Int128 {
        if result.overflow { throw Overflow() }
        return result.partialValue
    }
}

/// A signed 256-bit product, only for comparing fractions exactly.
private struct WideProduct: Comparable {
    let negative: Bool
    let high: UInt128
    let low: UInt128

    init(_ a: Int128, _ b: Int128) {
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        let isZero = product.high == 0 && product.low == 0
        negative = !isZero && ((a < 0) != (b < 0))
        high = product.high
        low = product.low
    }

    static func < (lhs: WideProduct, rhs: WideProduct) -> Bool {
        switch (lhs.negative, rhs.negative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return (lhs.high, lhs.low) < (rhs.high, rhs.low)
        case (true, true): return (lhs.high, lhs.low) > (rhs.high, rhs.low)
        }
    }
}

extension Rational {
    /// Sum of many values; throws on overflow. Values sharing a denominator (marks of one scale)
    /// are added as integers and reduced once.
    public static func sum(_ values: some Sequence<Rational>) throws(Overflow) -> Rational {
        var total = Rational.zero
        var pending: Int128 = 0
        var pendingDenominator: Int128 = 1
        for value in values {
            if value.denominator == pendingDenominator {
                let (sum, overflow) = pending.addingReportingOverflow(value.numerator)
                if !overflow {
                    pending = sum
                    continue
                }
            }
            total = try total.adding(Rational(pending, pendingDenominator))
            pending = value.numerator
            pendingDenominator = value.denominator
        }
        return try total.adding(Rational(pending, pendingDenominator))
    }
}
