/// How a regulation rounds: to a multiple of `step` (e.g. 0.01), half-up (away from zero at the
/// half, the Russian school rule) or half-even (banker's rounding).
public struct Rounding: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable {
        case halfUp = "half_up"
        case halfEven = "half_even"
    }

    public let step: Rational
    public let mode: Mode

    public init(step: Rational, mode: Mode) {
        precondition(step > .zero, "a rounding step must be positive")
        self.step = step
        self.mode = mode
    }

    public static let hundredths = Rounding(step: Rational(1, 100), mode: .halfUp)

    /// The multiple of `step` nearest to `value`, ties broken by `mode`.
    public func apply(_ value: Rational) throws(Rational.Overflow) -> Rational {
        let units = try value.divided(by: step)  // value in steps, exact
        let floor = Self.floorDivide(units.numerator, units.denominator)
        let remainder = try units.subtracting(Rational(floor, 1))  // in [0, 1)
        let half = Rational(1, 2)
        let roundsUp: Bool
        if remainder > half {
            roundsUp = true
        } else if remainder < half {
            roundsUp = false
        } else {
            switch mode {
            case .halfUp: roundsUp = !value.isNegative  // half away from zero
            case .halfEven: roundsUp = floor % 2 != 0
            }
        }
        return try Rational(roundsUp ? floor + 1 : floor, 1).multiplied(by: step)
    }

    /// Digits after the decimal point needed to print any multiple of `step` exactly
    /// (the step's denominator must divide a power of ten; validation ensures it).
    public var decimalPlaces: Int {
        var places = 0
        var power: Int128 = 1
        while power % step.denominator != 0 && places < 30 {
            power *= 10
            places += 1
        }
        return places
    }

    private static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
