import Testing

@testable import KonkursCore

@Suite struct RationalTests {
    let n = EngineFixture.number

    @Test func arithmeticIsExact() throws {
        let third = Rational(1, 3)
        #expect(try third.adding(third).adding(third) == .one)
        #expect(try n("0.1").adding(n("0.2")) == n("0.3"))
        #expect(try n("2.5").multiplied(by: n("0.4")) == .one)
        #expect(try n("7").divided(by: n("2")) == n("3.5"))
        #expect(try n("1").subtracting(n("1.25")) == n("-0.25"))
        #expect(Rational(2, -4) == Rational(-1, 2))
        #expect(Rational(1, 3) < Rational(34, 100) && Rational(-1, 3) > Rational(-34, 100))
    }

    @Test(arguments: [
        ("2.345", "0.01", "half_up", "2.35"), ("2.355", "0.01", "half_even", "2.36"), ("2.345", "0.01", "half_even", "2.34"),
        ("-2.345", "0.01", "half_up", "-2.35"), ("2.3449", "0.01", "half_up", "2.34"), ("7.25", "0.5", "half_up", "7.5"),
        ("7.24", "0.5", "half_up", "7"), ("12.5", "1", "half_even", "12"), ("13.5", "1", "half_even", "14"),
    ])
    func roundsToTheStepByTheMode(value: String, step: String, mode: String, expected: String) throws {
        let rounding = Rounding(step: n(step), mode: Rounding.Mode(rawValue: mode)!)
        #expect(try rounding.apply(n(value)) == n(expected))
    }

    @Test func roundingAThirdOnlyAtTheEndGivesTheExactResult() throws {
        // Three means of 1/3 each: rounding each first gives 0.99, rounding the exact sum gives 1.00.
        let rounding = Rounding.hundredths
        let third = Rational(1, 3)
        let roundedEach = try Rational.sum([third, third, third].map { try rounding.apply($0) })
        #expect(DecimalText.format(roundedEach, places: 2) == "0.99")
        #expect(DecimalText.format(try rounding.apply(Rational.sum([third, third, third])), places: 2) == "1.00")
    }

    @Test func decimalTextRoundTrips() {
        #expect(DecimalText.parse("12.50") == Rational(25, 2))
        #expect(DecimalText.parse("-.5") == Rational(-1, 2))
        for bad in ["", "1,5", "1.2.3", "abc", "1e3", "-"] { #expect(DecimalText.parse(bad) == nil, "\(bad)") }
        #expect(DecimalText.format(n("-0.05"), places: 2) == "-0.05")
        #expect(DecimalText.format(n("3"), places: 2) == "3.00")
        #expect(DecimalText.exact(Rational(1, 8)) == "0.125")
        #expect(DecimalText.exact(Rational(1, 3)) == nil)
    }

    @Test func overflowIsReportedNotWrapped() {
        let huge = Rational(Int128.max / 2, 1)
        #expect(throws: Rational.Overflow.self) { try huge.adding(huge).adding(huge) }
    }

    @Test func squareRootIsTruncatedToNineDecimals() throws {
        #expect(try Rational(2).squareRoot() == n("1.414213562"))
        #expect(try Rational(9, 4).squareRoot() == n("1.5"))
    }
}
