/// Reads the offline input of `konkurs results compute`: the marks (`S.csv`), optionally the entries
/// (`E.csv`) and the jury list, checks every row against the regulation and reports every problem
/// with its line. The formats are described in `Docs/regulation-format.md`.
public struct ScoreFileReader {
    public static let scoreColumns = ["entry", "juror", "criterion", "score"]
    public static let optionalScoreColumns = ["nomination", "stage", "trial", "attempt", "factor", "penalty", "extra"]
    public static let entryColumns = ["entry"]
    public static let optionalEntryColumns = ["name", "organisation", "status", "nomination"]

    let regulation: Regulation
    private var problems = ProblemList()
    private var entries: [ScoreInput.Entry] = []
    private var entryIndex: [String: Int32] = [:]
    private var jurors: [String] = []
    private var jurorIndex: [String: Int32] = [:]
    private var knownJurors: Set<String>?
    private var entriesDeclared = false
    /// criterion id → (trial index, criterion index) for every trial that has it.
    private let criterionLocations: [String: [(trial: Int, criterion: Int)]]
    private let trialIndex: [String: Int]

    public init(regulation: Regulation) {
        self.regulation = regulation
        var locations: [String: [(Int, Int)]] = [:]
        for (trial, declaredTrial) in regulation.trials.enumerated() {
            for (criterion, declared) in declaredTrial.criteria.enumerated() { locations[declared.id, default: []].append((trial, criterion)) }
        }
        criterionLocations = locations
        trialIndex = Dictionary(uniqueKeysWithValues: regulation.trials.enumerated().map { ($1.id, $0) })
    }

    /// - Throws: `InputError` listing every problem (up to a limit), or `CSVReader.Malformed` wrapped likewise.
    public static func read(regulation: Regulation, scores: InputFile, entries: InputFile? = nil, jurors: InputFile? = nil) throws(InputError)
        -> ScoreInput
    {
        var reader = ScoreFileReader(regulation: regulation)
        return try reader.read(scores: scores, entries: entries, jurors: jurors)
    }

    private mutating func read(scores: InputFile, entries entryFile: InputFile?, jurors jurorFile: InputFile?) throws(InputError) -> ScoreInput {
        if let jurorFile { readJurors(jurorFile) }
        if let entryFile { readEntries(entryFile) }
        try problems.throwIfAny()
        var marks: [ScoreInput.Mark] = []
        var attempts: [ScoreInput.AttemptKey: (values: ScoreInput.AttemptValues, line: Int)] = [:]
        readScores(scores, marks: &marks, attempts: &attempts)
        try problems.throwIfAny()
        let input = ScoreInput(entries: self.entries, jurors: self.jurors, marks: marks, attempts: attempts.mapValues(\.values))
        checkPanels(input, file: scores.name)
        try problems.throwIfAny()
        return input
    }

    // MARK: - Jurors and entries

    private mutating func readJurors(_ file: InputFile) {
        var known: Set<String> = []
        var header: CSVHeader?
        records(file) { fields, line, problems in
            guard let columns = header else {
                header = CSVHeader(fields, file: file.name, required: ["juror"], optional: ["name", "nomination"], problems: &problems)
                return
            }
            guard let id = columns.field("juror", in: fields)?.text, !id.isEmpty else {
                problems.add(file.name, line, "пустой идентификатор члена жюри")
                return
            }
            if !known.insert(id).inserted { problems.add(file.name, line, "член жюри «\(id)» указан дважды") }
        }
        knownJurors = known
    }

    private mutating func readEntries(_ file: InputFile) {
        entriesDeclared = true
        var header: CSVHeader?
        var declared: [ScoreInput.Entry] = []
        var lines: [String: Int] = [:]
        let regulation = regulation
        records(file) { fields, line, problems in
            guard let columns = header else {
                header = CSVHeader(fields, file: file.name, required: Self.entryColumns, optional: Self.optionalEntryColumns, problems: &problems)
                return
            }
            guard let id = columns.field("entry", in: fields)?.text, !id.isEmpty else {
                problems.add(file.name, line, "пустой идентификатор участника")
                return
            }
            if let first = lines[id] {
                problems.add(file.name, line, "участник «\(id)» уже указан в строке \(first)")
                return
            }
            lines[id] = line
            let statusText = columns.field("status", in: fields)?.text ?? ""
            guard let status = statusText.isEmpty ? .ok : ScoreInput.Entry.Status(rawValue: statusText) else {
                problems.add(file.name, line, "статус «\(statusText)» неизвестен: ok, withdrawn или disqualified")
                return
            }
            guard
                let nomination = Self.nomination(
                    columns.field("nomination", in: fields)?.text, regulation: regulation, file: file.name, line: line, problems: &problems)
            else { return }
            declared.append(
                ScoreInput.Entry(
                    id: id, name: columns.field("name", in: fields)?.text ?? "",
                    organisation: columns.field("organisation", in: fields)?.text ?? "", nomination: nomination, status: status))
        }
        for entry in declared {
            entryIndex[entry.id] = Int32(entries.count)
            entries.append(entry)
        }
    }

    /// The nomination named in a row, or the only one the regulation has.
    private static func nomination(_ text: String?, regulation: Regulation, file: String, line: Int, problems: inout ProblemList) -> String? {
        if let text, !text.isEmpty {
            guard regulation.nomination(text) != nil else {
                problems.add(file, line, "номинация «\(text)» не объявлена в положении (\(regulation.nominations.map(\.id).joined(separator: ", ")))")
                return nil
            }
            return text
        }
        guard regulation.nominations.count == 1 else {
            problems.add(file, line, "не указана номинация: в положении их несколько, добавьте столбец nomination")
            return nil
        }
        return regulation.nominations[0].id
    }

    // MARK: - Marks

    /// Column positions of a score file, resolved once from its header.
    private struct ScoreColumns {
        let entry: Int, juror: Int, criterion: Int, score: Int
        let nomination: Int?, stage: Int?, trial: Int?, attempt: Int?, factor: Int?, penalty: Int?, extra: Int?
        let components: [(name: String, index: Int)]
        let count: Int

        init(_ header: CSVHeader) {
            let c = header.columns
            entry = c["entry"]!
            juror = c["juror"]!
            criterion = c["criterion"]!
            score = c["score"]!
            nomination = c["nomination"]
            stage = c["stage"]
            trial = c["trial"]
            attempt = c["attempt"]
            factor = c["factor"]
            penalty = c["penalty"]
            extra = c["extra"]
            components = c.filter { $0.key.hasPrefix("extra:") }.map { (String($0.key.dropFirst(6)), $0.value) }.sorted { $0.name < $1.name }
            count = header.count
        }

        var hasAttemptValues: Bool { factor != nil || extra != nil || !components.isEmpty }
    }

    /// Last-seen ids: score files list one entry's marks together, so most rows repeat the previous
    /// row's entry and juror and skip the lookup.
    private struct RowCache {
        var entryKey = CSVField(base: UnsafeBufferPointer(start: nil, count: 0), bounds: 0..<0)
        var nominationKey = CSVField(base: UnsafeBufferPointer(start: nil, count: 0), bounds: 0..<0)
        var entry: Int32 = -1
        var jurorKey = CSVField(base: UnsafeBufferPointer(start: nil, count: 0), bounds: 0..<0)
        var juror: Int32 = -1
        var jurors: [String: Int32] = [:]
        /// (stage + trial + criterion bytes, location): a short list, scanned faster than hashed.
        var locations: [(key: [UInt8], location: (Int, Int))] = []
    }

    private mutating func readScores(
        _ file: InputFile, marks: inout [ScoreInput.Mark], attempts: inout [ScoreInput.AttemptKey: (values: ScoreInput.AttemptValues, line: Int)]
    ) {
        var columns: ScoreColumns?
        var cache = RowCache()
        let scales = regulation.trials.map { $0.criteria.map(ScaleUnits.init) }
        marks.reserveCapacity(file.bytes.count / 20)
        var problems = self.problems
        defer { self.problems = problems }
        problems.records(file) { fields, line, problems in
            guard let known = columns else {
                if let header = CSVHeader(
                    fields, file: file.name, required: Self.scoreColumns, optional: Self.optionalScoreColumns, allowPrefix: "extra:",
                    problems: &problems)
                {
                    columns = ScoreColumns(header)
                    let regulation = self.regulation
                    for name in fields.map(\.text) where TrialComponent.isColumn(name) {
                        if !regulation.trials.contains(where: { $0.component(column: name) != nil }) {
                            problems.add(
                                file.name, line,
                                "столбец «\(name)»: ни одно испытание положения его не объявляет (components), значения не будут учтены")
                        }
                    }
                }
                return
            }
            guard fields.count == known.count else {
                problems.add(file.name, line, "в строке \(fields.count) полей, в заголовке \(known.count)")
                return
            }
            if let mark = self.mark(
                fields, known, scales: scales, cache: &cache, line: line, file: file.name, attempts: &attempts, problems: &problems)
            {
                marks.append(mark)
            }
        }
    }

    private mutating func mark(
        _ fields: [CSVField], _ columns: ScoreColumns, scales: [[ScaleUnits]], cache: inout RowCache, line: Int, file: String,
        attempts: inout [ScoreInput.AttemptKey: (values: ScoreInput.AttemptValues, line: Int)], problems: inout ProblemList
    ) -> ScoreInput.Mark? {
        let entryKey = fields[columns.entry].trimmed
        let jurorKey = fields[columns.juror].trimmed
        let criterionKey = fields[columns.criterion].trimmed
        guard !entryKey.isEmpty, !jurorKey.isEmpty, !criterionKey.isEmpty else {
            problems.add(file, line, "пустое поле entry, juror или criterion")
            return nil
        }
        let nominationKey = columns.nomination.map { fields[$0].trimmed } ?? cache.nominationKey
        let entry: Int32
        if cache.entry >= 0 && entryKey.elementsEqual(cache.entryKey) && nominationKey.elementsEqual(cache.nominationKey) {
            entry = cache.entry
        } else {
            guard
                let found = self.entry(
                    entryKey.text, nomination: nominationKey.isEmpty ? nil : nominationKey.text, line: line, file: file, problems: &problems)
            else { return nil }
            (cache.entryKey, cache.nominationKey, cache.entry) = (entryKey, nominationKey, found)
            entry = found
        }
        let juror: Int32
        if cache.juror >= 0 && jurorKey.elementsEqual(cache.jurorKey) {
            juror = cache.juror
        } else if let known = cache.jurors[jurorKey.text] {
            (cache.jurorKey, cache.juror) = (jurorKey, known)
            juror = known
        } else {
            guard let found = self.juror(jurorKey.text, line: line, file: file, problems: &problems) else { return nil }
            cache.jurors[jurorKey.text] = found
            (cache.jurorKey, cache.juror) = (jurorKey, found)
            juror = found
        }
        let located: (key: [UInt8], location: (Int, Int))?
        var placeKey: [UInt8] = []
        if columns.stage == nil && columns.trial == nil {
            located = cache.locations.first { $0.key.elementsEqual(criterionKey) }
        } else {
            placeKey =
                Array(columns.stage.map { fields[$0].trimmed } ?? criterionKey[criterionKey.startIndex..<criterionKey.startIndex]) + [0]
                + Array(columns.trial.map { fields[$0].trimmed } ?? criterionKey[criterionKey.startIndex..<criterionKey.startIndex]) + [0]
                + Array(criterionKey)
            located = cache.locations.first { $0.key == placeKey }
        }
        let location: (Int, Int)
        if let known = located {
            location = known.location
        } else {
            guard
                let found = locate(
                    criterionKey.text, stage: columns.stage.map { fields[$0].text } ?? "", trial: columns.trial.map { fields[$0].text } ?? "",
                    line: line, file: file, problems: &problems)
            else { return nil }
            cache.locations.append((placeKey.isEmpty ? Array(criterionKey) : placeKey, found))
            location = found
        }
        let (trial, criterion) = location
        let declared = regulation.trials[trial]
        var attempt = 1
        if let column = columns.attempt, !fields[column].trimmed.isEmpty {
            let text = fields[column].text
            guard let value = Int(text), (1...declared.attempts).contains(value) else {
                problems.add(file, line, "попытка «\(text)»: в испытании «\(declared.id)» попыток \(declared.attempts)")
                return nil
            }
            attempt = value
        }
        let scoreField = fields[columns.score].trimmed
        var scoreUnits = ScoreInput.Mark.absent
        if !scoreField.isEmpty {
            let scale = scales[trial][criterion]
            guard let units = DecimalText.units(scoreField) ?? DecimalText.parse(bytes: scoreField).flatMap(ScoreInput.Mark.units) else {
                problems.add(
                    file, line,
                    DecimalText.parse(bytes: scoreField) == nil
                        ? "оценка «\(scoreField.text)» не число (разделитель дробной части — точка)"
                        : "оценка \(scoreField.text): больше шести знаков после точки")
                return nil
            }
            guard scale.accepts(units) else {
                let criterion = declared.criteria[criterion]
                problems.add(
                    file, line,
                    "оценка \(scoreField.text) вне шкалы критерия «\(criterion.id)»: от \(DecimalText.exact(criterion.minimum) ?? "") до \(DecimalText.exact(criterion.maximum) ?? "") с шагом \(DecimalText.exact(criterion.step) ?? "")"
                )
                return nil
            }
            scoreUnits = units
        }
        var penaltyUnits: Int64 = 0
        if let column = columns.penalty, let penalty = number("penalty", fields, column, line, file, &problems) {
            guard declaredValue(penalty, column: "penalty", trial: declared, line: line, file: file, problems: &problems) else { return nil }
            guard let units = ScoreInput.Mark.units(penalty) else {
                problems.add(file, line, "штраф \(fields[column].text): больше шести знаков после точки")
                return nil
            }
            penaltyUnits = units
        }
        if columns.hasAttemptValues {
            recordAttemptValues(
                fields, columns, key: ScoreInput.AttemptKey(entry: entry, trial: Int16(trial), attempt: Int16(attempt)),
                trial: declared.id, entryID: entryKey.text, line: line, file: file, attempts: &attempts, problems: &problems)
        }
        var mark = ScoreInput.Mark(
            entry: entry, juror: juror, trial: Int16(trial), criterion: Int16(criterion), attempt: Int16(attempt), score: nil, line: Int32(line))
        mark.scoreUnits = scoreUnits
        mark.penaltyUnits = penaltyUnits
        return mark
    }

    private func recordAttemptValues(
        _ fields: [CSVField], _ columns: ScoreColumns, key: ScoreInput.AttemptKey, trial: String, entryID: String, line: Int, file: String,
        attempts: inout [ScoreInput.AttemptKey: (values: ScoreInput.AttemptValues, line: Int)], problems: inout ProblemList
    ) {
        let declared = regulation.trials[Int(key.trial)]
        func value(_ column: String, _ index: Int?) -> Rational? {
            guard let index, let value = number(column, fields, index, line, file, &problems),
                declaredValue(value, column: column, trial: declared, line: line, file: file, problems: &problems)
            else { return nil }
            return value
        }
        var values = ScoreInput.AttemptValues(factor: value("factor", columns.factor), extra: value("extra", columns.extra))
        for (name, index) in columns.components {
            if let value = value("extra:\(name)", index) { values.components[name] = value }
        }
        if let existing = attempts[key] {
            if existing.values != values {
                problems.add(
                    file, line,
                    "factor/extra попытки \(key.attempt) участника «\(entryID)» в испытании «\(trial)» расходятся со строкой \(existing.line): у строк одной попытки они одинаковы"
                )
            }
        } else if values != ScoreInput.AttemptValues() {
            attempts[key] = (values, line)
        }
    }

    /// Whether a component's value may stand: the row's trial declares it and it is in range.
    private func declaredValue(
        _ value: Rational, column: String, trial: Trial, line: Int, file: String, problems: inout ProblemList
    ) -> Bool {
        guard let component = trial.component(column: column) else {
            problems.add(file, line, "«\(column)»: испытание «\(trial.id)» не объявляет такого значения (components)")
            return false
        }
        if let problem = component.rangeProblem(value) {
            problems.add(file, line, "«\(column)» (\(component.title)): \(problem)")
            return false
        }
        return true
    }

    private func number(

        _ column: String, _ fields: [CSVField], _ index: Int, _ line: Int, _ file: String, _ problems: inout ProblemList
    ) -> Rational? {
        let field = fields[index].trimmed
        guard !field.isEmpty else { return nil }
        guard let value = DecimalText.parse(bytes: field) else {
            problems.add(file, line, "\(column) «\(field.text)» не число")
            return nil
        }
        return value
    }

    private mutating func entry(_ id: String, nomination: String?, line: Int, file: String, problems: inout ProblemList) -> Int32? {
        if let index = entryIndex[id] {
            if let nomination, !nomination.isEmpty, entries[Int(index)].nomination != nomination {
                problems.add(file, line, "участник «\(id)» относится к номинации «\(entries[Int(index)].nomination)», а не «\(nomination)»")
                return nil
            }
            return index
        }
        guard !entriesDeclared else {
            problems.add(file, line, "участник «\(id)» не указан в списке участников")
            return nil
        }
        guard let nomination = Self.nomination(nomination, regulation: regulation, file: file, line: line, problems: &problems) else { return nil }
        let index = Int32(entries.count)
        entries.append(ScoreInput.Entry(id: id, nomination: nomination))
        entryIndex[id] = index
        return index
    }

    private mutating func juror(_ id: String, line: Int, file: String, problems: inout ProblemList) -> Int32? {
        if let index = jurorIndex[id] { return index }
        if let knownJurors, !knownJurors.contains(id) {
            problems.add(file, line, "член жюри «\(id)» не указан в списке жюри")
            return nil
        }
        let index = Int32(jurors.count)
        jurors.append(id)
        jurorIndex[id] = index
        return index
    }

    private func locate(
        _ criterion: String, stage: String, trial: String, line: Int, file: String, problems: inout ProblemList
    ) -> (Int, Int)? {
        if !stage.isEmpty && regulation.stage(stage) == nil {
            problems.add(file, line, "этап «\(stage)» не объявлен в положении")
            return nil
        }
        var candidates = criterionLocations[criterion] ?? []
        if !trial.isEmpty {
            guard let index = trialIndex[trial] else {
                problems.add(file, line, "испытание «\(trial)» не объявлено в положении")
                return nil
            }
            candidates = candidates.filter { $0.trial == index }
        }
        if !stage.isEmpty { candidates = candidates.filter { regulation.trialStages[$0.trial] == stage } }
        switch candidates.count {
        case 1: return candidates[0]
        case 0:
            problems.add(file, line, "критерий «\(criterion)» не объявлен\(trial.isEmpty ? " в положении" : " в испытании «\(trial)»")")
        default:
            let trials = candidates.map { regulation.trials[$0.trial].id }.joined(separator: ", ")
            problems.add(file, line, "критерий «\(criterion)» есть в нескольких испытаниях (\(trials)): добавьте столбец trial")
        }
        return nil
    }

    // MARK: - Whole-file checks

    /// Duplicate marks, and jurors who marked only some criteria of a trial scored by totals.
    private mutating func checkPanels(_ input: ScoreInput, file: String) {
        let groups = MarkGroups(
            marks: input.marks, trialCount: regulation.trials.count, entryCount: input.entries.count,
            maxAttempts: regulation.trials.map(\.attempts).max() ?? 1)
        for (trialIndex, trial) in regulation.trials.enumerated() {
            for entry in input.entries.indices {
                for attempt in 1...trial.attempts {
                    let marks = groups.marks(trial: trialIndex, entry: entry, attempt: attempt)
                    guard !marks.isEmpty else { continue }
                    // (juror, criterion) keys sorted with their lines: duplicates end up side by side.
                    let keys = marks.map {
                        (key: Int64($0.juror) << 16 | Int64($0.criterion), line: $0.line, marked: $0.scoreUnits != ScoreInput.Mark.absent)
                    }
                    .sorted { ($0.key, $0.line) < ($1.key, $1.line) }
                    var marked: [(juror: Int32, count: Int, line: Int32)] = []
                    for (index, mark) in keys.enumerated() {
                        let juror = Int32(mark.key >> 16)
                        if index > 0 && keys[index - 1].key == mark.key {
                            problems.add(
                                file, Int(mark.line),
                                "повтор: член жюри «\(input.jurors[Int(juror)])» уже оценил «\(input.entries[entry].id)» по критерию «\(trial.criteria[Int(mark.key & 0xFFFF)].id)» (попытка \(attempt)) в строке \(keys[index - 1].line)"
                            )
                            continue
                        }
                        if marked.last?.juror != juror { marked.append((juror, 0, mark.line)) }
                        if mark.marked { marked[marked.count - 1].count += 1 }
                        marked[marked.count - 1].line = min(marked[marked.count - 1].line, mark.line)
                    }
                    guard trial.acrossJurors.target == .total else { continue }
                    for (juror, count, line) in marked where count > 0 && count < trial.criteria.count {
                        problems.add(
                            file, Int(line),
                            "член жюри «\(input.jurors[Int(juror)])» оценил «\(input.entries[entry].id)» в испытании «\(trial.id)» по \(count) из \(trial.criteria.count) критериев: итог члена жюри неполон"
                        )
                    }
                }
            }
        }
    }

    // MARK: - Records

    private mutating func records(_ file: InputFile, _ body: (_ fields: [CSVField], _ line: Int, _ problems: inout ProblemList) -> Void) {
        var problems = self.problems
        problems.records(file, body)
        self.problems = problems
    }
}
