/// A criterion's scale in millionths, so a mark read as an integer is checked without fractions.
struct ScaleUnits {
    private let minimum: Int64
    private let maximum: Int64
    private let step: Int64
    /// Set when the scale is not a whole number of millionths (then marks are checked exactly).
    private let exact: Criterion?

    init(_ criterion: Criterion) {
        if let minimum = ScoreInput.Mark.units(criterion.minimum), let maximum = ScoreInput.Mark.units(criterion.maximum),
            let step = ScoreInput.Mark.units(criterion.step), step > 0
        {
            (self.minimum, self.maximum, self.step, exact) = (minimum, maximum, step, nil)
        } else {
            (minimum, maximum, step, exact) = (0, 0, 1, criterion)
        }
    }

    func accepts(_ units: Int64) -> Bool {
        if let exact { return exact.accepts(Rational(Int128(units), Int128(ScoreInput.Mark.unitsPerPoint))) }
        return units >= minimum && units <= maximum && (units - minimum) % step == 0
    }
}
