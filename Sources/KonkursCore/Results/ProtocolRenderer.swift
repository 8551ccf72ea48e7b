/// Prints a protocol as JSON, CSV, Markdown or HTML. Deterministic: no timestamps, stable order.
public struct ProtocolRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case json, csv, md, html
    }

    let document: ResultProtocol
    let regulation: Regulation

    public init(_ document: ResultProtocol, regulation: Regulation) {
        self.document = document
        self.regulation = regulation
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .json: json().serialised()
        case .csv: csv()
        case .md: markdown()
        case .html: html()
        }
    }

    // MARK: - Values

    /// A value as printed: rounded by the regulation's rule to its step's decimal places.
    func number(_ value: Rational) -> String {
        let rounded = (try? document.rounding.apply(value)) ?? value
        return DecimalText.format(rounded, places: document.rounding.decimalPlaces)
    }

    static func placeLabel(_ entry: EntryResult) -> String {
        guard let place = entry.place else { return "" }
        return entry.shared ? "=\(place)" : "\(place)"
    }

    public static func awardTitle(_ award: EntryResult.Award?) -> String {
        switch award {
        case .winner: "Победитель"
        case .second: "Призёр (2 место)"
        case .third: "Призёр (3 место)"
        case .laureate: "Лауреат"
        case .participant: "Участник"
        case nil: ""
        }
    }

    static func statusTitle(_ status: ScoreInput.Entry.Status) -> String {
        switch status {
        case .ok: ""
        case .withdrawn: "снят(а) с участия"
        case .disqualified: "дисквалифицирован(а)"
        }
    }

    func trialTitles() -> [(id: String, title: String)] { regulation.trials.map { ($0.id, $0.title) } }

    func trialScore(_ entry: EntryResult, _ trial: String) -> String {
        guard let result = entry.stages.flatMap(\.trials).first(where: { $0.trial == trial }) else { return "" }
        return result.missing ? "—" : number(result.score)
    }

    // MARK: - JSON

    func json() -> JSONValue {
        .object([
            ("contest", .string(document.contest)),
            ("edition", .string(document.edition)),
            (
                "rounding",
                .object([("step", .string(DecimalText.exact(document.rounding.step) ?? "")), ("mode", .string(document.rounding.mode.rawValue))])
            ),
            ("nominations", .array(document.nominations.map(json))),
            ("warnings", .array(document.warnings.map(JSONValue.string))),
            (
                "inputs",
                .array(document.inputs.map { .object([("role", .string($0.role)), ("name", .string($0.name)), ("sha256", .string($0.sha256))]) })
            ),
        ])
    }

    private func json(_ nomination: NominationResult) -> JSONValue {
        .object([
            ("nomination", .string(nomination.id)),
            ("title", .string(nomination.title)),
            ("held", .bool(nomination.held)),
            ("not_held_reason", nomination.notHeldReason.map(JSONValue.string) ?? .null),
            ("entries", .array(nomination.entries.map(json))),
            ("tie_breaks", .array(nomination.tieBreaks.map(json))),
        ])
    }

    private func json(_ entry: EntryResult) -> JSONValue {
        .object([
            ("entry", .string(entry.entry)),
            ("name", .string(entry.name)),
            ("organisation", .string(entry.organisation)),
            ("status", .string(entry.status.rawValue)),
            ("total", entry.total.map { .string(number($0)) } ?? .null),
            ("place", entry.place.map(JSONValue.integer) ?? .null),
            ("place_label", .string(Self.placeLabel(entry))),
            ("shared", .bool(entry.shared)),
            ("award", entry.award.map { .string($0.rawValue) } ?? .null),
            ("special_prizes", .array(entry.specialPrizes.map(JSONValue.string))),
            ("eliminated_after", entry.eliminatedAfter.map(JSONValue.string) ?? .null),
            ("stages", .array(entry.stages.map(json))),
        ])
    }

    private func json(_ stage: StageResult) -> JSONValue {
        .object([
            ("stage", .string(stage.stage)),
            ("score", .string(number(stage.score))),
            ("running_total", .string(number(stage.runningTotal))),
            ("trials", .array(stage.trials.map(json))),
        ])
    }

    private func json(_ trial: TrialResult) -> JSONValue {
        .object([
            ("trial", .string(trial.trial)),
            ("score", .string(number(trial.score))),
            ("normalised", trial.normalised.map { .string(number($0)) } ?? .null),
            ("method", .string(trial.method)),
            ("jurors", .integer(trial.jurors)),
            ("missing", .bool(trial.missing)),
            ("criteria", .object(trial.criteria.map { ($0.id, .string(number($0.value))) })),
            ("components", .object(trial.components.map { ($0.name, .string(number($0.value))) })),
        ])
    }

    private func json(_ record: TieBreakRecord) -> JSONValue {
        .object([
            ("rule", .string(record.rule)),
            ("entries", .array(record.entries.map(JSONValue.string))),
            ("values", .object(record.entries.compactMap { id in record.values[id].map { (id, .string(number($0))) } })),
            ("outcome", .string(record.outcome.rawValue)),
            ("order", .array(record.order.map { .array($0.map(JSONValue.string)) })),
            ("note", record.note.map(JSONValue.string) ?? .null),
        ])
    }

    // MARK: - CSV

    func csv() -> String {
        // Shared places are written "=5": a protocol's cells are the engine's own, not typed text.
        table().csv(protectFormulas: false)
    }

    /// One row per entry with each trial's score: the CSV and the spreadsheet export.
    public func table() -> Table {
        let trials = trialTitles()
        let header =
            ["nomination", "place", "entry", "name", "organisation", "status", "total", "award", "special_prizes", "eliminated_after"]
            + trials.map { "trial:\($0.id)" }
        var rows: [[String]] = []
        for nomination in document.nominations {
            for entry in nomination.entries {
                rows.append(
                    [
                        nomination.id, Self.placeLabel(entry), entry.entry, entry.name, entry.organisation, entry.status.rawValue,
                        entry.total.map(number) ?? "", entry.award?.rawValue ?? "", entry.specialPrizes.joined(separator: "; "),
                        entry.eliminatedAfter ?? "",
                    ] + trials.map { trialScore(entry, $0.id) })
            }
        }
        return Table(header: header, rows: rows)
    }

    // MARK: - Markdown

    func markdown() -> String {
        var lines = [
            "# \(document.contest), \(document.edition)", "",
            "Протокол результатов. Округление: шаг \(DecimalText.exact(document.rounding.step) ?? ""), \(document.rounding.mode == .halfUp ? "половина вверх" : "половина к чётному").",
        ]
        for nomination in document.nominations {
            lines += ["", "## \(nomination.title)", ""]
            if !nomination.held { lines += ["Номинация не состоялась: \(nomination.notHeldReason ?? "").", ""] }
            let trials = participatingTrials(nomination)
            lines.append(
                "| Место | Участник | Организация | " + trials.map { Self.markdownCell($0.title) }.joined(separator: " | ")
                    + (trials.isEmpty ? "" : " | ") + "Итого | Итог |")
            lines.append("|---|---|---|" + String(repeating: "---|", count: trials.count) + "---|---|")
            for entry in nomination.entries {
                let cells =
                    [Self.placeLabel(entry), entry.name.isEmpty ? entry.entry : entry.name, entry.organisation]
                    + trials.map { trialScore(entry, $0.id) } + [entry.total.map(number) ?? "", outcome(entry)]
                lines.append("| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |")
            }
            if !nomination.tieBreaks.isEmpty {
                lines += ["", "Разрешение равенства баллов:"]
                for record in nomination.tieBreaks { lines.append("- " + tieDescription(record)) }
            }
        }
        if !document.warnings.isEmpty { lines += ["", "Требует внимания:"] + document.warnings.map { "- \($0)" } }
        if !document.inputs.isEmpty {
            lines += ["", "Исходные данные (SHA-256):"] + document.inputs.map { "- \($0.role): \($0.name) — `\($0.sha256)`" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func participatingTrials(_ nomination: NominationResult) -> [(id: String, title: String)] {
        let used = Set(nomination.entries.flatMap { $0.stages.flatMap(\.trials).map(\.trial) })
        return trialTitles().filter { used.contains($0.id) }
    }

    func outcome(_ entry: EntryResult) -> String {
        ([Self.awardTitle(entry.award), Self.statusTitle(entry.status)] + entry.specialPrizes).filter { !$0.isEmpty }.joined(separator: "; ")
    }

    func tieDescription(_ record: TieBreakRecord) -> String {
        let values = record.entries.compactMap { id in record.values[id].map { "\(id) = \(number($0))" } }.joined(separator: ", ")
        let order = record.order.map { $0.joined(separator: " = ") }.joined(separator: " > ")
        let outcome =
            switch record.outcome {
            case .separated: "порядок: \(order)"
            case .stillTied: "равенство сохраняется"
            case .pending: "ожидается решение"
            case .shared: "место делится"
            }
        return "\(record.entries.joined(separator: ", ")): \(record.rule)\(values.isEmpty ? "" : " (\(values))") — \(outcome)"
            + (record.note.map { ". \($0)" } ?? "")
    }

    static func markdownCell(_ text: String) -> String { text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ") }

    // MARK: - HTML

    func html() -> String {
        var body = ["<h1>\(escape(document.contest)), \(escape(document.edition))</h1>"]
        for nomination in document.nominations {
            body.append("<h2>\(escape(nomination.title))</h2>")
            if !nomination.held { body.append("<p class=\"not-held\">Номинация не состоялась: \(escape(nomination.notHeldReason ?? "")).</p>") }
            let trials = participatingTrials(nomination)
            body.append(
                "<table>\n<thead><tr><th>Место</th><th>Участник</th><th>Организация</th>"
                    + trials.map { "<th>\(escape($0.title))</th>" }.joined() + "<th>Итого</th><th>Итог</th></tr></thead>\n<tbody>")
            for entry in nomination.entries {
                let cells =
                    [Self.placeLabel(entry), entry.name.isEmpty ? entry.entry : entry.name, entry.organisation]
                    + trials.map { trialScore(entry, $0.id) } + [entry.total.map(number) ?? "", outcome(entry)]
                body.append("<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>")
            }
            body.append("</tbody>\n</table>")
            if !nomination.tieBreaks.isEmpty {
                body.append("<ul class=\"ties\">" + nomination.tieBreaks.map { "<li>\(escape(tieDescription($0)))</li>" }.joined() + "</ul>")
            }
        }
        if !document.inputs.isEmpty {
            body.append(
                "<ul class=\"inputs\">"
                    + document.inputs.map { "<li>\(escape($0.role)): \(escape($0.name)) — <code>\($0.sha256)</code></li>" }.joined() + "</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="ru">
            <head>
            <meta charset="utf-8">
            <title>\(escape(document.contest)) — протокол</title>
            <style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
