import Testing

@testable import KonkursCore

/// Typed text: one-line fields refuse every control character; texts that may span lines (appeals,
/// notes, templates, uploaded files) keep line breaks and tabs but never a NUL, which PostgreSQL
/// text refuses (schemathesis found an appeal decision with one answered by a 500).
@Suite struct FieldChecksTests {
    @Test func paragraphsKeepLineBreaksAndRefuseOtherControlCharacters() {
        var checks = FieldChecks()
        #expect(checks.paragraphs("  Первый абзац.\r\n\tВторой.\n", "text", limit: 100, title: "Текст") == "Первый абзац.\r\n\tВторой.")
        #expect(checks.problems.isEmpty)
        for bad in ["до\u{0}после", "звонок\u{7}", "\u{7F}"] {
            var checks = FieldChecks()
            _ = checks.paragraphs(bad, "text", limit: 100, title: "Текст")
            #expect(
                checks.problems == [.init(field: "text", message: "Текст: недопустимые управляющие символы")], "\(bad.unicodeScalars.map(\.value))")
        }
    }

    @Test func paragraphsMayBeOptionalAndAreLimited() {
        var optional = FieldChecks()
        #expect(optional.paragraphs("   ", "note", limit: 10, title: "Пояснение", required: false).isEmpty && optional.problems.isEmpty)
        var required = FieldChecks()
        _ = required.paragraphs("", "note", limit: 10, title: "Пояснение")
        _ = required.paragraphs(String(repeating: "я", count: 11), "other", limit: 10, title: "Другое")
        #expect(required.problems.map(\.field) == ["note", "other"])
        var oneLine = FieldChecks()
        _ = oneLine.text("две\nстроки", "name", limit: 100, title: "Имя")
        #expect(oneLine.problems.count == 1, "a one-line field still refuses a line break")
    }
}
