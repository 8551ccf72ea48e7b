/// A calendar date without time or zone (a birth date, a reference date), as in the regulation:
/// `YYYY-MM-DD`. Ages and experience are counted in whole years between two such dates.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date (2025-02-29).
    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// As a Russian reader writes it: 27.11.2026.
    public var russian: String {
        "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).\(year)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {

        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whole years from `self` to `later`: the anniversary day itself completes a year. A person
    /// born on 29 February completes a year on 1 March in a common year.
    public func fullYears(until later: CalendarDate) -> Int {
        var years = later.year - year
        let anniversaryDay = (month == 2 && day == 29 && !Self.isLeap(later.year)) ? (3, 1) : (month, day)
        if (later.month, later.day) < anniversaryDay { years -= 1 }
        return years
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
