import Testing

@testable import KonkursCore

@Suite struct DecisionFileTests {
    @Test func decisionsAreReadWithTheirNotes() throws {
        let decisions = try DecisionFileParser.parse(
            """
            ties:
              - {nomination: main, method: chair, order: [E7, E3], note: "Решающий голос председателя, протокол № 3"}
            special_prizes:
              - {nomination: main, entry: E5, prize: Приз зрительских симпатий}
            """, file: "D.yaml")
        #expect(
            decisions.ties == [.init(nomination: "main", order: ["E7", "E3"], method: .chair, note: "Решающий голос председателя, протокол № 3")])
        #expect(decisions.specialPrizes == [.init(nomination: "main", entry: "E5", prize: "Приз зрительских симпатий")])
    }

    @Test func mistakesAreListedWithLinesAndNameTheFile() {
        do {
            _ = try DecisionFileParser.parse("ties:\n  - {nomination: main, method: coin, order: [E1]}\n", file: "D.yaml")
            Issue.record("a broken decisions file was accepted")
        } catch {
            #expect(error.message.hasPrefix("ошибки в файле решений (2):"))
            #expect(error.issues.map(\.line) == [2, 2])
            #expect(error.issues.contains { $0.problem.contains("неизвестное значение «coin»") })
            #expect(error.issues.contains { $0.problem.contains("не меньше двух участников") })
        }
    }
}
