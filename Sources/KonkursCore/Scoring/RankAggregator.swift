/// Rank-based methods: each juror's trial totals are turned into places among the entries, then the
/// places are combined. Every juror must have scored every entry (checked when reading the input).
enum RankAggregator {
    /// `totals[juror][entry]`; returns each entry's score (rank_sum: lower is better; borda, schulze: higher).
    static func scores(_ method: Aggregation.Method, totals: [[Rational]], entryCount: Int) throws -> [Rational] {
        switch method {
        case .rankSum:
            return try (0..<entryCount).map { entry in try Rational.sum(totals.map { place(of: entry, in: $0) }) }
        case .borda:
            // Points = entries ranked below, ties sharing: n − average place.
            return try (0..<entryCount).map { entry in
                try Rational.sum(totals.map { try Rational(entryCount).subtracting(place(of: entry, in: $0)) })
            }
        case .schulze:
            return schulze(totals: totals, entryCount: entryCount).map { Rational($0) }
        default:
            preconditionFailure("\(method) is not rank-based")
        }
    }

    /// Average place (1 = best) of `entry` in one juror's totals, ties sharing the mean of their places.
    static func place(of entry: Int, in totals: [Rational]) -> Rational {
        let value = totals[entry]
        let better = totals.filter { $0 > value }.count
        let equal = totals.filter { $0 == value }.count
        return Rational(Int128(2 * better + equal + 1), 2)
    }

    /// Schulze: d[a][b] jurors prefer a to b; p = widest paths; score = how many entries a beats.
    static func schulze(totals: [[Rational]], entryCount n: Int) -> [Int] {
        var d = Array(repeating: Array(repeating: 0, count: n), count: n)
        for juror in totals {
            for a in 0..<n {
                for b in 0..<n where a != b && juror[a] > juror[b] { d[a][b] += 1 }
            }
        }
        var p = Array(repeating: Array(repeating: 0, count: n), count: n)
        for a in 0..<n {
            for b in 0..<n where a != b && d[a][b] > d[b][a] { p[a][b] = d[a][b] }
        }
        for k in 0..<n {
            for a in 0..<n where a != k {
                for b in 0..<n where b != a && b != k {
                    p[a][b] = max(p[a][b], min(p[a][k], p[k][b]))
                }
            }
        }
        return (0..<n).map { a in (0..<n).filter { b in b != a && p[a][b] > p[b][a] }.count }
    }
}
