/// Whether a person may enter a nomination, measured on the regulation's reference date: the
/// regulation's own words ("не старше 35 лет", "стаж не более 3 лет") turned into whole years.
public enum EligibilityCheck {
    public struct Person: Sendable, Equatable {
        public var fullName: String
        public var birthDate: CalendarDate
        /// When pedagogical work began.
        public var experienceStart: CalendarDate

        public init(fullName: String, birthDate: CalendarDate, experienceStart: CalendarDate) {
            self.fullName = fullName
            self.birthDate = birthDate
            self.experienceStart = experienceStart
        }
    }

    /// A teacher, a mentor or a young specialist is an adult; someone younger is a pupil.
    public static let adultAge = 18

    /// Every rule the person breaks, in Russian, naming the rule; empty when eligible. `today` bounds

    /// dates that cannot be in the future.
    public static func problems(_ person: Person, rules: Eligibility, referenceDate: CalendarDate, today: CalendarDate) -> [String] {
        var problems: [String] = []
        if person.birthDate > today { problems.append("\(person.fullName): дата рождения \(person.birthDate.russian) в будущем") }
        if person.experienceStart > today {
            problems.append("\(person.fullName): начало педагогического стажа \(person.experienceStart.russian) в будущем")
        }
        if person.experienceStart < person.birthDate { problems.append("\(person.fullName): стаж не может начаться раньше рождения") }
        guard problems.isEmpty else { return problems }
        let age = person.birthDate.fullYears(until: referenceDate)
        let experience = max(0, person.experienceStart.fullYears(until: referenceDate))
        if age < adultAge {
            problems.append(
                "\(person.fullName): на \(referenceDate.russian) \(Plural.years(age)) — педагогические роли только для совершеннолетних (обучающийся — в роли обучающегося)"
            )
        }
        if let maximum = rules.maximumAge, age > maximum {
            problems.append("\(person.fullName): на \(referenceDate.russian) возраст \(Plural.years(age)), положение допускает не старше \(maximum)")
        }
        if let maximum = rules.maximumExperienceYears, experience > maximum {
            problems.append(
                "\(person.fullName): на \(referenceDate.russian) педагогический стаж \(Plural.years(experience)), положение допускает не более \(maximum)"
            )
        }
        if let minimum = rules.minimumExperienceYears, experience < minimum {
            problems.append(
                "\(person.fullName): на \(referenceDate.russian) педагогический стаж \(Plural.years(experience)), положение требует не менее \(minimum)"
            )
        }
        return problems
    }
}
