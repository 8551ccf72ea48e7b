/// Checks that need the whole regulation: unique ids, consistent scales, methods that fit together,
/// tie rules that name things that exist. Problems go to the reader with the line of the object.
struct RegulationValidator {
    let regulation: Regulation
    let file: String
    let reader: YAMLReader

    func validate() -> [RegulationIssue] {
        let before = reader.issues.count
        if regulation.nominations.isEmpty { reader.report(at: "", "nominations", "нужна хотя бы одна номинация") }
        if regulation.stages.isEmpty { reader.report(at: "", "stages", "нужен хотя бы один этап") }
        duplicates(regulation.nominations.map(\.id), path: { "nominations[\($0)]" }, what: "номинации")
        duplicates(regulation.stages.map(\.id), path: { "stages[\($0)]" }, what: "этапа")
        let trialPaths = regulation.stages.enumerated().flatMap { stageIndex, stage in
            stage.trials.indices.map { "stages[\(stageIndex)].trials[\($0)]" }
        }
        duplicates(regulation.trials.map(\.id), path: { trialPaths[$0] }, what: "испытания (идентификаторы испытаний уникальны во всём положении)")
        for (stageIndex, stage) in regulation.stages.enumerated() {
            if stage.trials.isEmpty { reader.report(at: "stages[\(stageIndex)]", "trials", "в этапе нужно хотя бы одно испытание") }
            for (trialIndex, trial) in stage.trials.enumerated() {
                check(trial, path: "stages[\(stageIndex)].trials[\(trialIndex)]")
            }
        }
        checkResult()
        return Array(reader.issues.dropFirst(before))
    }

    private func duplicates(_ ids: [String], path: (Int) -> String, what: String) {
        var seen: Set<String> = []
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            reader.report(at: path(index), "id", "повторяется идентификатор \(what) «\(id)»")
        }
    }

    private func check(_ trial: Trial, path: String) {
        if trial.criteria.isEmpty { reader.report(at: path, "criteria", "в испытании нужен хотя бы один критерий") }
        duplicates(trial.criteria.map(\.id), path: { "\(path).criteria[\($0)]" }, what: "критерия в испытании")
        if trial.weight <= .zero { reader.report(at: path, "weight", "вес испытания должен быть положительным") }
        for (index, criterion) in trial.criteria.enumerated() {
            check(criterion, path: "\(path).criteria[\(index)]")
        }
        if trial.perJuror == .weightedMean, (try? Rational.sum(trial.criteria.map(\.weight))) == .zero {
            reader.report(at: path, "per_juror", "для weighted_mean сумма весов критериев должна быть больше нуля")
        }
        let aggregation = trial.acrossJurors
        let aggregationPath = "\(path).across_jurors"
        if aggregation.method.trims {
            if aggregation.trim < 1 {
                reader.report(
                    at: aggregationPath, "trim", "для \(aggregation.method.rawValue) отбрасывается хотя бы по одной оценке с каждого края (trim ≥ 1)")
            }
            if aggregation.minimumPanel <= 2 * aggregation.trim {
                reader.report(
                    at: aggregationPath, "minimum_panel",
                    "при trim = \(aggregation.trim) после отбрасывания не останется оценок: minimum_panel должен быть не меньше \(2 * aggregation.trim + 1)"
                )
            }
        }
        if aggregation.fallback.trims || aggregation.fallback.isRankBased {
            reader.report(at: aggregationPath, "fallback", "запасной способ должен быть sum, mean или median")
        }
        if aggregation.method.isRankBased {
            if aggregation.target != .total {
                reader.report(
                    at: aggregationPath, "apply_to",
                    "методы по местам (\(aggregation.method.rawValue)) применяются к итогу члена жюри: apply_to: total")
            }
            if trial.attempts != 1 { reader.report(at: path, "attempts", "методы по местам не поддерживают несколько попыток") }
            if trial.normalisation != .none { reader.report(at: path, "normalisation", "нормализация не применяется к методам по местам") }
        }
        if aggregation.method == .rankSum && regulation.result.order != .ascending {
            reader.report(at: aggregationPath, "method", "при rank_sum меньшая сумма мест лучше: укажите result.order: ascending")
        }
    }

    private func check(_ criterion: Criterion, path: String) {
        guard criterion.maximum > criterion.minimum else {
            reader.report(at: path, "max", "максимум (\(text(criterion.maximum))) должен быть больше минимума (\(text(criterion.minimum)))")
            return
        }
        if criterion.step <= .zero {
            reader.report(at: path, "step", "шаг шкалы должен быть положительным")
        } else if let steps = try? criterion.maximum.subtracting(criterion.minimum).divided(by: criterion.step), !steps.isInteger {
            reader.report(
                at: path, "step",
                "шаг \(text(criterion.step)) не укладывается целое число раз между \(text(criterion.minimum)) и \(text(criterion.maximum))")
        }
        if criterion.weight < .zero { reader.report(at: path, "weight", "вес критерия не может быть отрицательным") }
        if let cap = criterion.cap, cap <= .zero { reader.report(at: path, "cap", "потолок должен быть положительным") }
        for level in criterion.levels where !criterion.accepts(level.mark) {
            reader.report(at: path, "levels", "уровень «\(text(level.mark))» вне шкалы критерия")
        }
    }

    private func checkResult() {
        let trials = Dictionary(regulation.trials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, rule) in regulation.result.ties.enumerated() {
            let path = "result.ties[\(index)]"
            if rule == .shared && index != regulation.result.ties.count - 1 {
                reader.report(at: path, "", "shared (деление места) может быть только последним шагом")
            }
            let subject: TieRule.Subject
            switch rule {
            case .higher(let value), .lower(let value): subject = value
            case .decision, .shared: continue
            }
            switch subject {
            case .stage(let id) where regulation.stage(id) == nil:
                reader.report(at: path, "", "этап «\(id)» не объявлен в положении")
            case .trial(let id) where trials[id] == nil:
                reader.report(at: path, "", "испытание «\(id)» не объявлено в положении")
            case .criterion(let trial, let criterion):
                if let declared = trials[trial] {
                    if declared.criterion(criterion) == nil {
                        reader.report(at: path, "", "в испытании «\(trial)» нет критерия «\(criterion)»")
                    } else if declared.acrossJurors.method.isRankBased {
                        reader.report(at: path, "", "испытание «\(trial)» оценивается по местам: значений по критериям нет")
                    }
                } else {
                    reader.report(at: path, "", "испытание «\(trial)» не объявлено в положении")
                }
            case .component(let name) where !regulation.trials.contains(where: { $0.component(column: "extra:\(name)") != nil }):
                reader.report(
                    at: path, "", "дополнительные баллы «\(name)» не объявлены ни в одном испытании (components: {kind: extra, id: \(name)})")
            default: break
            }
        }
    }

    private func text(_ value: Rational) -> String { DecimalText.exact(value) ?? value.description }
}
