/// A protocol as the jury signs it: the computed result with the jury, the robustness section and
/// the audit chain's head at the moment it was drawn up. Its `snapshot` is what is stored, hashed and
/// signed; the print is rendered from the same values, so paper and file say the same thing.
public struct ProtocolDocument: Sendable {
    public struct Signatory: Sendable, Equatable {
        public var name: String
        public var chair: Bool

        public init(name: String, chair: Bool) {
            self.name = name
            self.chair = chair
        }
    }

    /// A signature given after the snapshot was made (not part of it).
    public struct Signature: Sendable, Equatable {
        public var name: String
        public var signedAt: String
        public var onPaper: Bool

        public init(name: String, signedAt: String, onPaper: Bool) {
            self.name = name
            self.signedAt = signedAt
            self.onPaper = onPaper
        }
    }

    public var version: Int
    public var stageTitle: String
    public var final: Bool
    public var jury: [Signatory]
    public var auditHead: String
    public var supersedes: Int?
    public var note: String?
    public var robustness: [RobustnessLine]
    public var result: ResultProtocol
    public var regulation: Regulation

    public init(
        version: Int, stageTitle: String, final: Bool, jury: [Signatory], auditHead: String, supersedes: Int?, note: String?,
        robustness: [RobustnessLine], result: ResultProtocol, regulation: Regulation
    ) {
        self.version = version
        self.stageTitle = stageTitle
        self.final = final
        self.jury = jury
        self.auditHead = auditHead
        self.supersedes = supersedes
        self.note = note
        self.robustness = robustness
        self.result = result
        self.regulation = regulation
    }

    var renderer: ProtocolRenderer { ProtocolRenderer(result, regulation: regulation) }

    /// The stored, hashed form: deterministic JSON with the offline computation's JSON under `result`.
    public func snapshot() -> String {
        JSONValue.object([
            ("protocol", .integer(version)),
            ("stage", .string(stageTitle)),
            ("final", .bool(final)),
            ("supersedes", supersedes.map(JSONValue.integer) ?? .null),
            ("note", note.map(JSONValue.string) ?? .null),
            ("jury", .array(jury.map { .object([("name", .string($0.name)), ("role", .string($0.chair ? "chair" : "member"))]) })),
            ("audit_head", .string(auditHead)),
            ("robustness", .array(robustness.map(Self.json))),
            ("result", renderer.json()),
        ]).serialised()
    }

    static func json(_ line: RobustnessLine) -> JSONValue {
        .object([
            ("method", .string(line.method.rawValue)), ("nomination", .string(line.nomination)),
            ("winners", line.winners.map { .array($0.map(JSONValue.string)) } ?? .null), ("same_winners", .bool(line.sameWinners)),
        ])
    }

    /// The robustness section in words, one line per alternative and nomination.
    public func robustnessText() -> [String] {
        robustness.map { line in
            let title = regulation.nomination(line.nomination)?.title ?? line.nomination
            guard let winners = line.winners else { return "«\(title)», \(line.method.title): не вычисляется без дополнительного решения жюри" }
            return line.sameWinners
                ? "«\(title)», \(line.method.title): победитель тот же"
                : "«\(title)», \(line.method.title): победитель изменился бы (\(winners.map { name(of: $0, in: line.nomination) }.joined(separator: ", ")))"
        }
    }

    private func name(of entry: String, in nomination: String) -> String {
        result.nominations.first { $0.id == nomination }?.entries.first { $0.entry == entry }.map { $0.name.isEmpty ? $0.entry : $0.name } ?? entry
    }

    // MARK: - Print (A4, Russian, for signing on paper)

    public func printHTML(sha256: String, signatures: [Signature], appeals: [String] = [], linkedStyle: Bool = false) -> String {
        let number = renderer.number
        var body = [
            "<header><p class=\"kind\">ПРОТОКОЛ № \(version)</p>",
            "<p>заседания жюри: \(final ? "итоговый протокол" : "протокол этапа") «\(escape(stageTitle))»</p>",
            "<h1>\(escape(result.contest)), \(escape(result.edition))</h1></header>",
        ]
        if let supersedes { body.append("<p class=\"supersedes\">Заменяет протокол № \(supersedes)\(note.map { ": \(escape($0))" } ?? "").</p>") }
        body.append(
            "<h2>Состав жюри</h2><ol class=\"jury\">" + jury.map { "<li>\(escape($0.name))\($0.chair ? " — председатель" : "")</li>" }.joined()
                + "</ol>")
        for nomination in result.nominations {
            body.append("<section class=\"nomination\"><h2>\(escape(nomination.title))</h2>")
            if !nomination.held { body.append("<p class=\"not-held\">Номинация не состоялась: \(escape(nomination.notHeldReason ?? "")).</p>") }
            let trials = renderer.participatingTrials(nomination)
            let normalised = nomination.entries.contains { $0.stages.flatMap(\.trials).contains { $0.normalised != nil } }
            body.append(
                "<table class=\"summary\"><thead><tr><th>Место</th><th>Участник</th><th>Организация</th>"
                    + trials.map { "<th>\(escape($0.title))</th>" }.joined() + (normalised ? "<th>Нормированный балл</th>" : "")
                    + "<th>Итого</th><th>Итог</th></tr></thead><tbody>")
            for entry in nomination.entries {
                var cells =
                    [ProtocolRenderer.placeLabel(entry), displayName(entry), entry.organisation] + trials.map { renderer.trialScore(entry, $0.id) }
                if normalised {
                    cells.append(entry.stages.flatMap(\.trials).compactMap { $0.normalised.map(number) }.joined(separator: " / "))
                }
                cells += [entry.total.map(number) ?? "", renderer.outcome(entry)]
                body.append("<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>")
            }
            body.append("</tbody></table>")
            body.append(breakdown(nomination))
            if !nomination.tieBreaks.isEmpty {
                body.append(
                    "<h3>Разрешение равенства баллов</h3><ol class=\"ties\">"
                        + nomination.tieBreaks.map { "<li>\(escape(renderer.tieDescription($0)))</li>" }.joined() + "</ol>")
            }
            body.append("</section>")
        }
        if !robustness.isEmpty {
            body.append(
                "<h2>Устойчивость результата</h2><ul class=\"robustness\">" + robustnessText().map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
        }
        if !appeals.isEmpty { body.append("<h2>Апелляции</h2><ol class=\"appeals\">" + appeals.map { "<li>\(escape($0))</li>" }.joined() + "</ol>") }
        body.append(
            "<h2>Исходные данные и контроль целостности</h2><ul class=\"inputs\">"
                + result.inputs.map { "<li>\(escape($0.role)): \(escape($0.name)) — <code>\($0.sha256)</code></li>" }.joined()
                + "<li>протокол (SHA-256): <code>\(escape(sha256))</code></li><li>журнал изменений на момент составления: <code>\(escape(auditHead))</code></li></ul>"
        )
        body.append("<h2>Подписи</h2><table class=\"signatures\"><tbody>")
        for member in jury {
            let signed = signatures.first { $0.name == member.name }
            let mark = signed.map { "подписано \($0.onPaper ? "на бумаге (внесено секретарём)" : "в личном кабинете") \(escape($0.signedAt))" } ?? ""
            body.append(
                "<tr><td>\(member.chair ? "Председатель жюри" : "Член жюри")</td><td class=\"line\"></td><td>\(escape(member.name))</td><td>\(mark)</td></tr>"
            )
        }
        body.append("</tbody></table>")
        return Self.page(
            title: "\(result.contest) — протокол № \(version)", landscape: false, body: body.joined(separator: "\n"), linkedStyle: linkedStyle)
    }

    private func displayName(_ entry: EntryResult) -> String { entry.name.isEmpty ? entry.entry : entry.name }

    private func breakdown(_ nomination: NominationResult) -> String {
        let number = renderer.number
        var rows: [String] = []
        for entry in nomination.entries {
            for trial in entry.stages.flatMap(\.trials) {
                let title = regulation.trials.first { $0.id == trial.trial }
                let criteria =
                    trial.criteria.map { criterion in
                        "\(title?.criterion(criterion.id)?.title ?? criterion.id): \(number(criterion.value))"
                    } + trial.components.map { "\($0.name): \(number($0.value))" }
                rows.append(
                    "<tr><td>\(escape(displayName(entry)))</td><td>\(escape(title?.title ?? trial.trial))</td><td>\(escape(criteria.joined(separator: "; ")))</td>"
                        + "<td>\(trial.jurors)</td><td>\(escape(trial.missing ? "—" : number(trial.score)))</td></tr>")
            }
        }
        guard !rows.isEmpty else { return "" }
        return
            "<h3>Баллы по критериям</h3><table class=\"breakdown\"><thead><tr><th>Участник</th><th>Испытание</th><th>Критерии (среднее по жюри)</th><th>Членов жюри</th><th>Балл</th></tr></thead><tbody>"
            + rows.joined() + "</tbody></table>"
    }

    /// A standalone printable page. Files keep their style inside; pages served by Konkurs link it
    /// (`/documents.css`, served from `style`), because the site's CSP allows no inline style.
    public static func page(title: String, landscape: Bool, body: String, linkedStyle: Bool = false) -> String {
        let style = linkedStyle ? "<link rel=\"stylesheet\" href=\"/documents.css\">" : "<style>\n\(Self.style)</style>"
        return """
            <!DOCTYPE html>
            <html lang="ru">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            \(style)
            </head>
            <body class="\(landscape ? "landscape" : "portrait")">
            \(body)
            </body>
            </html>

            """
    }

    /// The print style of protocols and diplomas: A4, rows kept whole across pages.
    public static let style = """
        @page{size:A4 portrait;margin:15mm}
        @page landscape{size:A4 landscape;margin:10mm}
        body{font-family:"Times New Roman",serif;font-size:12pt;margin:0 auto;max-width:180mm}
        body.landscape{max-width:277mm}body.landscape section{page:landscape}
        header{text-align:center}.kind{font-weight:bold;font-size:14pt;margin:0}h1{font-size:14pt}h2{font-size:13pt}h3{font-size:12pt}
        table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #000;padding:2pt 4pt;text-align:left;vertical-align:top}
        tr{break-inside:avoid}.signatures td{border:none;padding:8pt 4pt}.signatures .line{border-bottom:1px solid #000;width:35%}
        code{font-size:9pt;word-break:break-all}
        .diploma{box-sizing:border-box;height:185mm;break-after:page;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;border:3mm double #7a5c1e;padding:10mm}
        .diploma p{margin:.3em 0;font-size:16pt}.diploma p:first-child{font-size:32pt;font-weight:bold;letter-spacing:.2em}.diploma .number{font-size:10pt;margin-top:2em}

        """
}

/// HTML text escaping for documents rendered in the core (protocols, diplomas, public results).
func escape(_ text: String) -> String {
    text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;").replacingAll("\"", with: "&quot;")
        .replacingAll("'", with: "&#39;")
}
