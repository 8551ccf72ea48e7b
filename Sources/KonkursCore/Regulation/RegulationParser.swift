import Foundation
import Yams

/// Turns a regulation YAML file into a validated `Regulation`, or a `RegulationError` listing every
/// problem with its line. The format is described in `Docs/regulation-format.md`.
public enum RegulationParser {
    public static let formatTag = "konkurs/1"

    public static func parse(_ text: String, file: String) throws(RegulationError) -> Regulation {
        let reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RegulationError(issues: [
                RegulationIssue(file: file, line: error.line, field: "", problem: "ошибка синтаксиса YAML: \(error.problemText)")
            ])
        } catch {
            throw RegulationError(issues: [RegulationIssue(file: file, line: 0, field: "", problem: "ошибка синтаксиса YAML: \(error)")])
        }
        guard let root else {
            throw RegulationError(issues: [RegulationIssue(file: file, line: 1, field: "", problem: "файл пуст")])
        }
        let regulation = RegulationBuilder(reader: reader).regulation(root)
        if let regulation, reader.issues.isEmpty {
            let problems = RegulationValidator(regulation: regulation, file: file, reader: reader).validate()
            if problems.isEmpty { return regulation }
        }
        throw RegulationError(issues: reader.issues.sorted { ($0.line, $0.field) < ($1.line, $1.field) })
    }
}

extension YamlError {
    var line: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    var problemText: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return problem
        default: return "\(self)"
        }
    }
}

/// Builds typed values field by field; every problem goes to the reader.
struct RegulationBuilder {
    let reader: YAMLReader

    func regulation(_ root: Node) -> Regulation? {
        let known: Set = ["format", "contest", "edition", "timezone", "rounding", "nominations", "stages", "result", "jury", "event"]
        guard let fields = reader.fields(root, "", known: known) else { return nil }
        if let format = reader.string(fields, "format", "", required: true), format != RegulationParser.formatTag {
            reader.report(fields["format"], "format", "поддерживается формат «\(RegulationParser.formatTag)», задан «\(format)»")
        }
        let contest = reader.string(fields, "contest", "", required: true)
        let edition = reader.string(fields, "edition", "", required: true)
        let timeZone = reader.string(fields, "timezone", "") ?? "Asia/Vladivostok"
        for (name, value, limit) in [("contest", contest, Regulation.contestLimit), ("edition", edition, Regulation.editionLimit)] {
            if let value, value.unicodeScalars.count > limit {
                reader.report(fields[name], name, "не длиннее \(limit) знаков (сейчас \(value.unicodeScalars.count))")
            }
        }
        if TimeZone(identifier: timeZone) == nil {
            reader.report(
                fields["timezone"], "timezone", "неизвестный часовой пояс «\(timeZone)»: укажите его имя из базы IANA, например Asia/Vladivostok")
        }
        let (rounding, points) = fields["rounding"].map { self.rounding($0, "rounding") } ?? (.hundredths, [.end])
        let nominations = (reader.list(fields["nominations"], "nominations") ?? []).enumerated().compactMap {
            nomination($1, "nominations[\($0)]")
        }
        if fields["nominations"] == nil { reader.report(nil, "nominations", "обязательное поле не задано") }
        let stages = (reader.list(fields["stages"], "stages") ?? []).enumerated().compactMap { stage($1, "stages[\($0)]") }
        if fields["stages"] == nil { reader.report(nil, "stages", "обязательное поле не задано") }
        let result =
            fields["result"].flatMap { resultRules($0, "result") }
            ?? ResultRules(order: .descending, floor: nil, ties: [.shared])
        let jury = fields["jury"].map { juryRules($0, "jury") } ?? JuryRules()
        let event = fields["event"].map { eventRules($0, "event", nominations: nominations) }
        guard let contest, let edition, let rounding else { return nil }
        return Regulation(
            contest: contest, edition: edition, timeZone: timeZone, rounding: rounding, roundingPoints: points.union([.end]),
            nominations: nominations, stages: stages, result: result, jury: jury, event: event)

    }

    func juryRules(_ node: Node, _ path: String) -> JuryRules {
        var rules = JuryRules()
        let known: Set = ["per_application", "recusal", "comment_at_extremes", "disagreement", "on_disagreement", "marks_visible", "signatures"]
        guard let fields = reader.fields(node, path, known: known) else { return rules }
        rules.perApplication = reader.integer(fields, "per_application", path, minimum: 1) ?? rules.perApplication
        rules.recusal = reader.choice(fields, "recusal", path, as: JuryRules.Recusal.self) ?? rules.recusal
        rules.commentAtExtremes = reader.boolean(fields, "comment_at_extremes", path) ?? rules.commentAtExtremes
        rules.disagreement = reader.decimal(fields, "disagreement", path)
        rules.onDisagreement = reader.choice(fields, "on_disagreement", path, as: JuryRules.DisagreementAction.self) ?? rules.onDisagreement
        if rules.onDisagreement == .extraJuror && rules.disagreement == nil {
            reader.report(fields["on_disagreement"], "\(path).on_disagreement", "укажите и допустимый разброс (disagreement)")
        }

        rules.marksVisible = reader.choice(fields, "marks_visible", path, as: JuryRules.MarksVisible.self) ?? rules.marksVisible
        rules.signatures = reader.integer(fields, "signatures", path, minimum: 0)
        return rules
    }

    func rounding(_ node: Node, _ path: String) -> (Rounding?, Set<RoundingPoint>) {
        guard let fields = reader.fields(node, path, known: ["step", "mode", "apply"]) else { return (nil, []) }
        let step = reader.decimal(fields, "step", path) ?? Rational(1, 100)
        let mode = reader.choice(fields, "mode", path, as: Rounding.Mode.self) ?? .halfUp
        var points: Set<RoundingPoint> = [.end]
        if let list = reader.list(fields["apply"], "\(path).apply") {
            points = Set(list.enumerated().compactMap { reader.choice($1, "\(path).apply[\($0)]", as: RoundingPoint.self) })
        }
        guard step > .zero, DecimalText.exact(step) != nil else {
            reader.report(fields["step"], "\(path).step", "шаг округления должен быть положительной десятичной дробью, например 0.01")
            return (nil, points)
        }
        return (Rounding(step: step, mode: mode), points)
    }

    func nomination(_ node: Node, _ path: String) -> Nomination? {
        let known: Set = [
            "id", "title", "entry", "eligibility", "quota_per_organisation", "minimum_entrants", "places", "awards", "documents", "video",
            "self_nomination", "fields",
        ]
        guard let fields = reader.fields(node, path, known: known) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let eligibility = fields["eligibility"].map { self.eligibility($0, "\(path).eligibility") } ?? .none
        let ownFields = (reader.list(fields["fields"], "\(path).fields") ?? []).enumerated().compactMap {
            ownField($1, "\(path).fields[\($0)]")
        }
        for (index, field) in ownFields.enumerated() where ownFields[..<index].contains(where: { $0.id == field.id }) {
            reader.report(fields["fields"], "\(path).fields[\(index)].id", "поле «\(field.id)» уже описано выше")
        }
        let entry = fields["entry"].map { self.entry($0, "\(path).entry", fields: ownFields) } ?? .standard(for: .person)
        let quota = reader.integer(fields, "quota_per_organisation", path, minimum: 1)
        let minimum = reader.integer(fields, "minimum_entrants", path, minimum: 0) ?? 3
        let places = reader.boolean(fields, "places", path) ?? true
        let awards = fields["awards"].flatMap { self.awards($0, "\(path).awards") } ?? .standard
        let documents = (reader.list(fields["documents"], "\(path).documents") ?? []).enumerated().compactMap {
            document($1, "\(path).documents[\($0)]")
        }
        for (index, document) in documents.enumerated() where documents[..<index].contains(where: { $0.id == document.id }) {
            reader.report(fields["documents"], "\(path).documents[\(index)].id", "документ «\(document.id)» уже описан выше")
        }
        let video = reader.choice(fields, "video", path, as: Nomination.VideoRule.self) ?? Nomination.VideoRule.none
        let selfNomination = reader.boolean(fields, "self_nomination", path) ?? false
        guard let id, let title else { return nil }
        return Nomination(
            id: id, title: title, entry: entry, eligibility: eligibility, quotaPerOrganisation: quota,
            minimumEntrants: minimum, places: places, awards: awards, documents: documents, video: video, selfNomination: selfNomination,
            fields: ownFields)

    }

    func document(_ node: Node, _ path: String) -> DocumentRequirement? {
        guard let fields = reader.fields(node, path, known: ["id", "title", "required"]) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let required = reader.boolean(fields, "required", path) ?? true
        guard let id, let title else { return nil }
        return DocumentRequirement(id: id, title: title, required: required)
    }

    func eligibility(_ node: Node, _ path: String) -> Eligibility {
        let known: Set = ["max_age", "max_experience_years", "min_experience_years", "reference_date", "organisation_kinds", "categories", "notes"]
        guard let fields = reader.fields(node, path, known: known) else { return .none }
        let date = reader.string(fields, "reference_date", path)
        if let date, !Self.isISODate(date) {
            reader.report(fields["reference_date"], "\(path).reference_date", "ожидается дата ГГГГ-ММ-ДД, задано «\(date)»")
        }
        let kinds = (reader.list(fields["organisation_kinds"], "\(path).organisation_kinds") ?? []).enumerated().compactMap { index, node in
            node.scalar.flatMap { Organisation.Kind(code: $0.string) }
                ?? {
                    reader.report(node, "\(path).organisation_kinds[\(index)]", "тип организации: ОУ, ДОУ, УДО или другое")
                    return nil
                }()
        }
        let categories = (reader.list(fields["categories"], "\(path).categories") ?? []).enumerated().compactMap { index, node in
            node.scalar?.string
                ?? {
                    reader.report(node, "\(path).categories[\(index)]", "ожидается название категории")
                    return nil
                }()
        }
        return Eligibility(
            maximumAge: reader.integer(fields, "max_age", path, minimum: 1),
            maximumExperienceYears: reader.integer(fields, "max_experience_years", path, minimum: 0),
            minimumExperienceYears: reader.integer(fields, "min_experience_years", path, minimum: 0),
            referenceDate: date, organisationKinds: kinds, categories: categories, notes: reader.string(fields, "notes", path))
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    func awards(_ node: Node, _ path: String) -> AwardScheme? {
        let known: Set = ["winner_places", "second", "third", "laureates", "participants", "special"]
        guard let fields = reader.fields(node, path, known: known) else { return nil }
        var laureates = AwardScheme.Laureates.none
        if let node = fields["laureates"], let rule = reader.fields(node, "\(path).laureates", known: ["top", "threshold"]) {
            if let top = reader.integer(rule, "top", "\(path).laureates", minimum: 1) {
                laureates = .top(top)
            } else if let threshold = reader.decimal(rule, "threshold", "\(path).laureates") {
                laureates = .threshold(threshold)
            } else if rule.isEmpty {
                reader.report(node, "\(path).laureates", "укажите top (число мест) или threshold (порог баллов)")
            }
        }
        let special = (reader.list(fields["special"], "\(path).special") ?? []).enumerated().compactMap { index, node in
            node.scalar?.string
                ?? {
                    reader.report(node, "\(path).special[\(index)]", "ожидается название приза")
                    return nil
                }()
        }
        return AwardScheme(
            winnerPlaces: reader.integer(fields, "winner_places", path, minimum: 0) ?? 1,
            secondPrize: reader.boolean(fields, "second", path) ?? true,
            thirdPrize: reader.boolean(fields, "third", path) ?? true,
            laureates: laureates,
            participants: reader.boolean(fields, "participants", path) ?? true,
            specialPrizes: special)
    }

    func stage(_ node: Node, _ path: String) -> Stage? {
        guard let fields = reader.fields(node, path, known: ["id", "title", "carry_over", "advancement", "trials"]) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let carries = reader.boolean(fields, "carry_over", path) ?? true
        let advancement = fields["advancement"].flatMap { self.advancement($0, "\(path).advancement") } ?? .all
        if fields["trials"] == nil { reader.report(nil, "\(path).trials", "обязательное поле не задано") }
        let trials = (reader.list(fields["trials"], "\(path).trials") ?? []).enumerated().compactMap { trial($1, "\(path).trials[\($0)]") }
        guard let id, let title else { return nil }
        return Stage(id: id, title: title, carriesOver: carries, advancement: advancement, trials: trials)
    }

    func advancement(_ node: Node, _ path: String) -> Stage.Advancement? {
        if node.scalar?.string == "all" { return .all }
        guard let fields = reader.fields(node, path, known: ["top", "top_percent", "threshold"]) else { return nil }
        guard fields.count == 1 else {
            reader.report(node, path, "укажите одно правило: all, top, top_percent или threshold")
            return nil
        }
        if fields["top"] != nil { return reader.integer(fields, "top", path, minimum: 1).map { .top($0) } }
        if fields["top_percent"] != nil {
            guard let percent = reader.integer(fields, "top_percent", path, minimum: 1) else { return nil }
            guard percent <= 100 else {
                reader.report(fields["top_percent"], "\(path).top_percent", "процент должен быть от 1 до 100")
                return nil
            }
            return .topPercent(percent)
        }
        return reader.decimal(fields, "threshold", path).map { .threshold($0) }
    }

    func trial(_ node: Node, _ path: String) -> Trial? {
        let known: Set = [
            "id", "title", "weight", "attempts", "combine_attempts", "per_juror", "across_jurors", "mark_floor", "floor",
            "normalisation", "criteria", "components",
        ]
        guard let fields = reader.fields(node, path, known: known) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let aggregation = fields["across_jurors"].flatMap { self.aggregation($0, "\(path).across_jurors") } ?? .mean
        if fields["criteria"] == nil { reader.report(nil, "\(path).criteria", "обязательное поле не задано") }
        let criteria = (reader.list(fields["criteria"], "\(path).criteria") ?? []).enumerated().compactMap {
            criterion($1, "\(path).criteria[\($0)]")
        }
        guard let id, let title else { return nil }
        return Trial(
            id: id, title: title,
            weight: reader.decimal(fields, "weight", path) ?? .one,
            attempts: reader.integer(fields, "attempts", path, minimum: 1) ?? 1,
            combineAttempts: reader.choice(fields, "combine_attempts", path, as: Trial.AttemptCombination.self) ?? .best,
            perJuror: reader.choice(fields, "per_juror", path, as: Trial.PerJuror.self) ?? .sum,
            acrossJurors: aggregation,
            markFloor: reader.decimal(fields, "mark_floor", path),
            floor: reader.decimal(fields, "floor", path),
            normalisation: reader.choice(fields, "normalisation", path, as: Trial.Normalisation.self) ?? .none,
            criteria: criteria, components: components(fields["components"], "\(path).components"))

    }

    func aggregation(_ node: Node, _ path: String) -> Aggregation? {
        if node.scalar != nil {
            return reader.choice(node, path, as: Aggregation.Method.self).map {
                Aggregation(method: $0, trim: $0.trims ? 1 : 0, minimumPanel: 1, fallback: .mean, target: .total)
            }
        }
        guard let fields = reader.fields(node, path, known: ["method", "trim", "minimum_panel", "fallback", "apply_to"]) else { return nil }
        guard let method = reader.choice(fields, "method", path, as: Aggregation.Method.self) else {
            if fields["method"] == nil { reader.report(node, "\(path).method", "обязательное поле не задано") }
            return nil
        }
        let trim = reader.integer(fields, "trim", path, minimum: 0) ?? (method.trims ? 1 : 0)
        return Aggregation(
            method: method, trim: trim,
            minimumPanel: reader.integer(fields, "minimum_panel", path, minimum: 1) ?? (2 * trim + 1),
            fallback: reader.choice(fields, "fallback", path, as: Aggregation.Method.self) ?? .mean,
            target: reader.choice(fields, "apply_to", path, as: Aggregation.Target.self) ?? .total)
    }

    func criterion(_ node: Node, _ path: String) -> Criterion? {
        let known: Set = ["id", "title", "min", "max", "step", "weight", "cap", "levels"]
        guard let fields = reader.fields(node, path, known: known) else { return nil }
        let id = reader.identifier(fields, "id", path)
        let title = reader.string(fields, "title", path, required: true)
        let minimum = reader.decimal(fields, "min", path) ?? .zero
        let maximum = reader.decimal(fields, "max", path)
        if fields["max"] == nil { reader.report(node, "\(path).max", "обязательное поле не задано") }
        var levels: [(Rational, String)] = []
        if let levelNode = fields["levels"] {
            if let mapping = levelNode.mapping {
                for (key, value) in mapping {
                    guard let mark = reader.decimal(key, "\(path).levels"), let text = value.scalar?.string else { continue }
                    levels.append((mark, text))
                }
            } else {
                reader.report(levelNode, "\(path).levels", "ожидается набор «балл: описание уровня»")
            }
        }
        guard let id, let title, let maximum else { return nil }
        return Criterion(
            id: id, title: title, minimum: minimum, maximum: maximum,
            step: reader.decimal(fields, "step", path) ?? .one,
            weight: reader.decimal(fields, "weight", path) ?? .one,
            cap: reader.decimal(fields, "cap", path),
            levels: levels.sorted { $0.0 < $1.0 }.map { (mark: $0.0, description: $0.1) })
    }

    func resultRules(_ node: Node, _ path: String) -> ResultRules? {
        guard let fields = reader.fields(node, path, known: ["order", "floor", "ties", "robustness", "appeals"]) else { return nil }
        let ties = (reader.list(fields["ties"], "\(path).ties") ?? [.init(stringLiteral: "shared")]).enumerated().compactMap {
            tieRule($1, "\(path).ties[\($0)]")
        }
        return ResultRules(
            order: reader.choice(fields, "order", path, as: ResultRules.Order.self) ?? .descending,
            floor: reader.decimal(fields, "floor", path),
            ties: ties,
            robustness: (reader.list(fields["robustness"], "\(path).robustness") ?? []).enumerated().compactMap {
                reader.choice($1, "\(path).robustness[\($0)]", as: Aggregation.Method.self)
            },
            appeals: fields["appeals"].flatMap { appealRules($0, "\(path).appeals") })
    }

    func appealRules(_ node: Node, _ path: String) -> AppealRules? {
        guard let fields = reader.fields(node, path, known: ["days", "from"]) else { return nil }
        if fields["days"] == nil { reader.report(nil, "\(path).days", "обязательное поле не задано") }
        guard let days = reader.integer(fields, "days", path, minimum: 1) else { return nil }
        return AppealRules(days: days, from: reader.choice(fields, "from", path, as: AppealRules.Start.self) ?? .signing)
    }

    func tieRule(_ node: Node, _ path: String) -> TieRule? {
        if node.scalar?.string == "shared" { return .shared }
        guard let fields = reader.fields(node, path, known: ["higher", "lower", "decision"]), fields.count == 1,
            let (kind, value) = fields.first
        else {
            reader.report(node, path, "ожидается одно из: higher, lower, decision или shared")
            return nil
        }
        if kind == "decision" { return reader.choice(value, "\(path).decision", as: TieRule.Decision.self).map { .decision($0) } }
        guard let subjectFields = reader.fields(value, "\(path).\(kind)", known: ["stage", "trial", "criterion", "component"]),
            subjectFields.count == 1, let (subjectKind, subjectNode) = subjectFields.first, let name = subjectNode.scalar?.string
        else {
            reader.report(value, "\(path).\(kind)", "ожидается одно из: stage, trial, criterion (испытание.критерий) или component")
            return nil
        }
        let subject: TieRule.Subject
        switch subjectKind {
        case "stage": subject = .stage(name)
        case "trial": subject = .trial(name)
        case "component": subject = .component(name)
        default:
            let parts = name.split(separator: ".")
            guard parts.count == 2 else {
                reader.report(subjectNode, "\(path).\(kind).criterion", "критерий указывается как испытание.критерий, задано «\(name)»")
                return nil
            }
            subject = .criterion(trial: String(parts[0]), criterion: String(parts[1]))
        }
        return kind == "higher" ? .higher(subject) : .lower(subject)
    }
}
