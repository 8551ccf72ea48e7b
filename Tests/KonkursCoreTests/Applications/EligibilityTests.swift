import Testing

@testable import KonkursCore

/// «Лучший молодой специалист»: not older than 35 and not more than 3 years of experience on 1 September.
@Suite struct EligibilityTests {
    let rules = Eligibility(maximumAge: 35, maximumExperienceYears: 3, minimumExperienceYears: nil, referenceDate: "2026-09-01", notes: nil)
    let reference = CalendarDate("2026-09-01")!
    let today = CalendarDate("2026-03-10")!

    func check(born: String, started: String = "2024-09-01") -> [String] {
        EligibilityCheck.problems(
            .init(fullName: "Иванова А. П.", birthDate: CalendarDate(born)!, experienceStart: CalendarDate(started)!),
            rules: rules, referenceDate: reference, today: today)
    }

    @Test func turningThirtySixOnTheReferenceDateIsTooOld() {
        #expect(check(born: "1990-09-02").isEmpty, "35 on the reference date, 36 the next day")
        #expect(check(born: "1990-09-01") == ["Иванова А. П.: на 01.09.2026 возраст 36 лет, положение допускает не старше 35"])
    }

    @Test func experienceCountsWholeYearsUpToTheReferenceDate() {
        #expect(check(born: "1998-05-05", started: "2023-09-02").isEmpty, "2 years 364 days")
        #expect(check(born: "1998-05-05", started: "2022-09-02").isEmpty, "3 years 364 days are 3 whole years")
        #expect(
            check(born: "1998-05-05", started: "2022-09-01") == [
                "Иванова А. П.: на 01.09.2026 педагогический стаж 4 года, положение допускает не более 3"
            ])
    }

    @Test func aLeapDayBirthdayCompletesItsYearOnTheFirstOfMarch() {
        let born = CalendarDate("2000-02-29")!
        #expect(born.fullYears(until: CalendarDate("2026-02-28")!) == 25)
        #expect(born.fullYears(until: CalendarDate("2026-03-01")!) == 26)
        #expect(born.fullYears(until: CalendarDate("2028-02-29")!) == 28)
    }

    @Test func datesInTheFutureOrImpossibleAreRefused() {
        #expect(
            check(born: "2027-01-01") == [
                "Иванова А. П.: дата рождения 01.01.2027 в будущем", "Иванова А. П.: стаж не может начаться раньше рождения",
            ])
        #expect(CalendarDate("2025-02-29") == nil)
        #expect(CalendarDate("01.03.2026") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
    }
}
