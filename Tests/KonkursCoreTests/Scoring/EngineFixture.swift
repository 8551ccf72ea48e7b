import KonkursCore

/// Builds small regulations and score tables inline, computes, and reads results back as text.
enum EngineFixture {
    /// A regulation from flow-style YAML pieces; `trials` become the single stage's trials unless
    /// `stages` is given.
    static func regulation(
        trials: [String] = [], stages: [String]? = nil, result: String = "{ties: [shared]}",
        rounding: String = "{step: 0.01, mode: half_up}",
        nominations: [String] = ["{id: main, title: Основная, minimum_entrants: 1}"]
    ) throws -> Regulation {
        let stageList = stages ?? ["{id: s1, title: Этап, trials: [\(trials.joined(separator: ", "))]}"]
        return try RegulationParser.parse(
            """
            format: konkurs/1
            contest: Тест
            edition: "2026"
            rounding: \(rounding)
            nominations: [\(nominations.joined(separator: ", "))]
            stages: [\(stageList.joined(separator: ", "))]
            result: \(result)
            """, file: "test.yaml")
    }

    static func compute(
        _ regulation: Regulation, scores: String, entries: String? = nil, decisions: Decisions = .none
    ) throws -> ResultProtocol {
        let input = try ScoreFileReader.read(
            regulation: regulation, scores: InputFile(name: "S.csv", text: scores),
            entries: entries.map { InputFile(name: "E.csv", text: $0) })
        return try ResultEngine(regulation: regulation, input: input, decisions: decisions).compute()
    }

    /// "entry place total" lines of the first nomination, places like `=2` when shared.
    static func table(_ result: ResultProtocol, nomination: Int = 0) -> [String] {
        let places = result.rounding.decimalPlaces
        return result.nominations[nomination].entries.map { entry in
            let place = entry.place.map { entry.shared ? "=\($0)" : "\($0)" } ?? "-"
            return "\(entry.entry) \(place) \(entry.total.map { DecimalText.format($0, places: places) } ?? "-")"
        }
    }

    static func number(_ text: String) -> Rational { DecimalText.parse(text)! }
}
