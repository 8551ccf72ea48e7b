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
}
