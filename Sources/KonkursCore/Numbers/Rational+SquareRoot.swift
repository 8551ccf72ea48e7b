extension Rational {
    /// √self truncated to `decimals` places: exact to that precision and the same on every machine,
    /// unlike floating point. Used only for spreads (standard deviations) in normalisation.
    public func squareRoot(decimals: Int = 9) throws(Overflow) -> Rational {
        precondition(!isNegative, "no square root of a negative number")
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        // self × scale², as an integer: whole part, then the fraction in two halves to stay in range.
        let squared = try multiplied(by: Rational(scale, 1)).multiplied(by: Rational(scale, 1))
        let radicand = squared.numerator / squared.denominator
        return Rational(Int128(Self.integerSquareRoot(UInt128(radicand))), scale)
    }

    private static func integerSquareRoot(_ value: UInt128) -> UInt128 {
        guard value > 1 else { return value }
        var low: UInt128 = 1
        var high: UInt128 = min(value, UInt128(UInt64.max))
        while low < high {
            let middle = (low + high + 1) / 2
            if middle <= value / middle { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
