/// Russian plural forms: a number and its noun, "1 человек", "3 человека", "5 человек".
public enum Plural {
    /// `forms`: for 1, for 2–4, for 5–20 (одна, две, пять).
    public static func say(_ number: Int, _ forms: (one: String, few: String, many: String)) -> String {
        let tens = abs(number) % 100
        let ones = abs(number) % 10
        let form =
            (11...14).contains(tens) ? forms.many : ones == 1 ? forms.one : (2...4).contains(ones) ? forms.few : forms.many
        return "\(number) \(form)"
    }

    public static func people(_ number: Int) -> String { say(number, ("человек", "человека", "человек")) }
    public static func years(_ number: Int) -> String { say(number, ("год", "года", "лет")) }
}
