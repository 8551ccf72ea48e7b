/// Combines several jurors' values (marks or trial totals) into one, by a cardinal method.
/// Absent marks never reach here: only jurors who actually scored are passed in.
enum Aggregator {
    struct NothingToAggregate: Error {}

    /// - Returns: the aggregate and the method really used (the fallback when the panel is too small).
    static func aggregate(_ values: [Rational], _ rule: Aggregation) throws -> (value: Rational, used: Aggregation.Method) {
        guard !values.isEmpty else { throw NothingToAggregate() }
        var method = rule.method
        if method.trims && (values.count < rule.minimumPanel || values.count <= 2 * rule.trim) {
            method = rule.fallback
        }
        if let fast = integerAggregate(values, method: method, trim: rule.trim) { return (fast, method) }
        let value: Rational
        switch method {
        case .sum:
            value = try Rational.sum(values)
        case .mean:
            value = try Rational.sum(values).divided(by: Rational(values.count))
        case .median:
            let sorted = values.sorted()
            let middle = sorted.count / 2
            value = sorted.count % 2 == 1 ? sorted[middle] : try sorted[middle - 1].adding(sorted[middle]).divided(by: Rational(2))
        case .trimmedMean:
            let kept = values.sorted().dropFirst(rule.trim).dropLast(rule.trim)
            value = try Rational.sum(kept).divided(by: Rational(kept.count))
        case .middleSum:
            value = try Rational.sum(values.sorted().dropFirst(rule.trim).dropLast(rule.trim))
        case .rankSum, .borda, .schulze:
            preconditionFailure("rank-based methods aggregate across entries (RankAggregator)")
        }
        return (value, method)
    }

    /// The same aggregate computed on integers: marks share small denominators (they are decimals),
    /// so scaling them to a common one makes sorting and summing plain integer work. Nil when the
    /// common denominator would be too large; the exact path above then takes over.
    private static func integerAggregate(_ values: [Rational], method: Aggregation.Method, trim: Int) -> Rational? {
        var common: Int128 = 1
        for value in values where common % value.denominator != 0 {
            common = common / Int128(Rational.gcd(common.magnitude, value.denominator.magnitude)) * value.denominator
            if common > 1_000_000_000_000 { return nil }
        }
        var scaled: [Int64] = []
        scaled.reserveCapacity(values.count)
        for value in values {
            guard let numerator = Int64(exactly: value.numerator * (common / value.denominator)) else { return nil }
            scaled.append(numerator)
        }
        scaled.sort()
        let count = Int128(scaled.count)
        func total(_ slice: ArraySlice<Int64>) -> Int128 { slice.reduce(Int128(0)) { $0 + Int128($1) } }
        switch method {
        case .sum: return Rational(total(scaled[...]), common)
        case .mean: return Rational(total(scaled[...]), common * count)
        case .median:
            let middle = scaled.count / 2
            return scaled.count % 2 == 1
                ? Rational(Int128(scaled[middle]), common) : Rational(Int128(scaled[middle - 1]) + Int128(scaled[middle]), 2 * common)
        case .trimmedMean:
            let kept = scaled.dropFirst(trim).dropLast(trim)
            return Rational(total(kept), common * Int128(kept.count))
        case .middleSum:
            return Rational(total(scaled.dropFirst(trim).dropLast(trim)), common)
        case .rankSum, .borda, .schulze:
            return nil
        }
    }
}
