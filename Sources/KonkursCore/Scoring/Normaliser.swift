/// Per-juror z-score normalisation, rescaled to the trial's own scale: a strict juror's 6 and a
/// generous juror's 9 that mean "this juror's average" both become the panel's average. Reported
/// beside the raw score so the jury sees whether a juror's strictness changed the order.
enum Normaliser {
    /// `totals[entry]` = each juror's trial total for that entry. Returns each entry's normalised score.
    static func normalise(_ totals: [Int: [(juror: Int32, total: Rational)]], rule: Aggregation) throws -> [Int: Rational] {
        var result: [Int: Rational] = [:]
        for (entry, values) in try rescaled(totals) where !values.isEmpty {
            result[entry] = try Aggregator.aggregate(values.map(\.total), rule).value
        }
        return result
    }

    /// Each juror's totals moved onto the panel's scale: μ + σ·z, where z is the juror's own z-score.
    static func rescaled(_ totals: [Int: [(juror: Int32, total: Rational)]]) throws -> [Int: [(juror: Int32, total: Rational)]] {
        var byJuror: [Int32: [Rational]] = [:]
        for values in totals.values {
            for (juror, total) in values { byJuror[juror, default: []].append(total) }
        }
        let all = byJuror.values.flatMap { $0 }
        guard !all.isEmpty else { return [:] }
        let (panelMean, panelSpread) = try spread(all)
        var jurorStats: [Int32: (mean: Rational, spread: Rational)] = [:]
        for (juror, values) in byJuror { jurorStats[juror] = try spread(values) }

        return try totals.mapValues { values in
            try values.map { juror, total in
                let stats = jurorStats[juror]!
                guard stats.spread > .zero else { return (juror, panelMean) }
                let z = try total.subtracting(stats.mean).divided(by: stats.spread)
                return (juror, try panelMean.adding(panelSpread.multiplied(by: z)))
            }
        }
    }

    /// Mean and population standard deviation.
    static func spread(_ values: [Rational]) throws -> (mean: Rational, spread: Rational) {
        let count = Rational(values.count)
        let mean = try Rational.sum(values).divided(by: count)
        let squares = try values.map { value -> Rational in
            let difference = try value.subtracting(mean)
            return try difference.multiplied(by: difference)
        }
        let variance = try Rational.sum(squares).divided(by: count)
        return (mean, try variance.squareRoot())
    }
}
