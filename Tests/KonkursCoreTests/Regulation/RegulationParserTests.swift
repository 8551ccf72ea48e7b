import Testing

@testable import KonkursCore

@Suite struct RegulationParserTests {
    func issues(_ yaml: String) -> [String] {
        do {
            _ = try RegulationParser.parse(yaml, file: "R.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    let valid = """
        format: konkurs/1
        contest: Конкурс
        edition: "2026"
        nominations:
          - {id: main, title: Основная}
        stages:
          - id: s1
            title: Этап
            trials:
              - id: t1
                title: Испытание
                across_jurors: {method: trimmed_mean, trim: 1, minimum_panel: 5}
                criteria:
                  - {id: c1, title: Критерий, min: 0, max: 10, step: 0.5, levels: {0: не раскрыто, 10: полностью}}
        result:
          ties:
            - higher: {trial: t1}
            - decision: chair
            - shared
        """

    @Test func aValidRegulationGivesTypedValues() throws {
        let regulation = try RegulationParser.parse(valid, file: "R.yaml")
        #expect(regulation.contest == "Конкурс")
        #expect(regulation.rounding == .hundredths)
        #expect(regulation.nominations[0].minimumEntrants == 3)
        let trial = regulation.stages[0].trials[0]
        #expect(trial.acrossJurors == Aggregation(method: .trimmedMean, trim: 1, minimumPanel: 5, fallback: .mean, target: .total))
        #expect(trial.criteria[0].step == Rational(1, 2))
        #expect(trial.criteria[0].levels.map(\.description) == ["не раскрыто", "полностью"])
        #expect(regulation.result.ties == [.higher(.trial("t1")), .decision(.chair), .shared])
    }

    @Test func anUnknownTimeZoneIsRefusedNamingTimezone() {
        let found = issues(valid.replacingOccurrences(of: "edition: \"2026\"", with: "edition: \"2026\"\ntimezone: Asia/Amursk"))
        #expect(found.count == 1 && found[0].contains("timezone") && found[0].contains("неизвестный часовой пояс «Asia/Amursk»"), "\(found)")
        #expect(issues(valid.replacingOccurrences(of: "edition: \"2026\"", with: "edition: \"2026\"\ntimezone: Europe/Moscow")).isEmpty)
    }

    @Test func aTitleOrEditionLongerThanTheStoreHoldsIsRefusedNamingTheField() {
        let title = String(repeating: "Я", count: Regulation.contestLimit + 1)
        let edition = String(repeating: "2", count: Regulation.editionLimit + 1)
        let found = issues(
            valid.replacingOccurrences(of: "contest: Конкурс", with: "contest: \(title)").replacingOccurrences(of: "\"2026\"", with: "\"\(edition)\"")
        )
        #expect(found.contains { $0.contains("contest") && $0.contains("не длиннее 500 знаков") }, "\(found)")
        #expect(found.contains { $0.contains("edition") && $0.contains("не длиннее 100 знаков") }, "\(found)")
        let fits = valid.replacingOccurrences(of: "contest: Конкурс", with: "contest: \(String(repeating: "Я", count: Regulation.contestLimit))")
        #expect(issues(fits).isEmpty)
    }

    @Test func appealsDeclareTheirDaysAndWhereTheyCountFrom() throws {
        func appeals(_ text: String) throws -> AppealRules? {
            try RegulationParser.parse(valid.replacingOccurrences(of: "result:\n", with: "result:\n  appeals: \(text)\n"), file: "R.yaml").result
                .appeals
        }
        #expect(try appeals("{days: 3}") == AppealRules(days: 3, from: .signing))
        #expect(try appeals("{days: 5, from: publication}") == AppealRules(days: 5, from: .publication))
        #expect(
            issues(valid.replacingOccurrences(of: "result:\n", with: "result:\n  appeals: {from: signing}\n")).contains {
                $0.contains("result.appeals.days")
            })
        #expect(
            issues(valid.replacingOccurrences(of: "result:\n", with: "result:\n  appeals: {days: 3, from: protocol}\n")).contains {
                $0.contains("допустимы: signing, publication")
            })
    }

    @Test func aScaleWithMaximumBelowMinimumNamesFileLineAndField() {
        let broken = valid.replacingOccurrences(of: "min: 0, max: 10", with: "min: 5, max: 3")
        #expect(issues(broken) == ["R.yaml:14: stages[0].trials[0].criteria[0].max: максимум (3) должен быть больше минимума (5)"])
    }

    @Test func anUnknownAggregationMethodListsTheKnownOnes() {
        let found = issues(valid.replacingOccurrences(of: "method: trimmed_mean", with: "method: average"))
        #expect(found.count == 1)
        #expect(
            found[0].hasPrefix("R.yaml:12: stages[0].trials[0].across_jurors.method: неизвестное значение «average»; допустимы: sum, mean, median"))
    }

    @Test func aTieRuleNamingAMissingTrialIsRejected() {
        #expect(
            issues(valid.replacingOccurrences(of: "higher: {trial: t1}", with: "higher: {trial: final}"))
                == ["R.yaml:17: result.ties[0]: испытание «final» не объявлено в положении"])
    }

    @Test func componentsDeclareWhoEntersThemAndATieRuleMayNameOnlyADeclaredExtra() throws {
        let declared = valid.replacingOccurrences(
            of: "        criteria:\n",
            with:
                "        components: [{kind: extra, id: bonus, title: Бонус, max: 3}, {kind: factor, title: Сложность, entered_by: chair}]\n        criteria:\n"
        ).replacingOccurrences(of: "higher: {trial: t1}", with: "higher: {component: bonus}")
        let trial = try RegulationParser.parse(declared, file: "R.yaml").trials[0]
        #expect(trial.components.map(\.column) == ["extra:bonus", "factor"])
        #expect(trial.components.map(\.enteredBy) == [.secretary, .chair])
        #expect(
            issues(declared.replacingOccurrences(of: "component: bonus", with: "component: speed"))
                == [
                    "R.yaml:18: result.ties[0]: дополнительные баллы «speed» не объявлены ни в одном испытании (components: {kind: extra, id: speed})"
                ])
        let wrongPerson = issues(
            declared.replacingOccurrences(
                of: "kind: factor, title: Сложность, entered_by: chair", with: "kind: penalty, title: Штраф, entered_by: secretary"))
        #expect(wrongPerson.count == 1 && wrongPerson[0].contains("его ставит сам член жюри"))
        let twice = issues(
            declared.replacingOccurrences(of: "{kind: factor, title: Сложность, entered_by: chair}", with: "{kind: extra, id: bonus, title: Ещё}"))
        #expect(twice.count == 1 && twice[0].contains("«extra:bonus» объявлен в испытании дважды"))
    }

    @Test func aTrimmingMethodThePlannedPanelCannotFeedIsReported() throws {
        let short = try RegulationParser.parse(valid, file: "R.yaml")
        let found = PanelRules.warnings(short)
        #expect(found.count == 1 && found[0].contains("оценок не меньше 5") && found[0].contains("членов жюри на заявку — 3"))
        let planned = try RegulationParser.parse(
            valid.replacingOccurrences(of: "result:", with: "jury: {per_application: 5}\nresult:"), file: "R.yaml")
        #expect(PanelRules.warnings(planned).isEmpty)
    }

    @Test func typosInFieldNamesDoNotPassSilently() {
        let found = issues(valid.replacingOccurrences(of: "title: Испытание", with: "titel: Испытание"))
        #expect(found.contains { $0.hasPrefix("R.yaml:11: stages[0].trials[0].titel: неизвестное поле") })
        #expect(found.contains { $0.contains("stages[0].trials[0].title: обязательное поле не задано") })
    }

    @Test func aTrimThatWouldLeaveNothingIsRejected() {
        let found = issues(valid.replacingOccurrences(of: "trim: 1, minimum_panel: 5", with: "trim: 3, minimum_panel: 5"))
        #expect(
            found == [
                "R.yaml:12: stages[0].trials[0].across_jurors.minimum_panel: при trim = 3 после отбрасывания не останется оценок: minimum_panel должен быть не меньше 7"
            ])
    }

    @Test func aStepThatDoesNotDivideTheScaleIsRejected() {
        // The level descriptor at 10 is off the new scale too.
        #expect(
            issues(valid.replacingOccurrences(of: "step: 0.5", with: "step: 3")) == [
                "R.yaml:14: stages[0].trials[0].criteria[0].levels: уровень «10» вне шкалы критерия",
                "R.yaml:14: stages[0].trials[0].criteria[0].step: шаг 3 не укладывается целое число раз между 0 и 10",
            ])
    }

    @Test func brokenYAMLReportsItsLine() {
        let found = issues("format: konkurs/1\ncontest: [unclosed\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("R.yaml:"))
        #expect(found[0].contains("ошибка синтаксиса YAML"))
    }

    @Test func manyProblemsAreReportedTogether() {
        let broken = valid.replacingOccurrences(of: "edition: \"2026\"\n", with: "")
            .replacingOccurrences(of: "min: 0, max: 10", with: "min: 0, max: ten")
        #expect(issues(broken).count == 2)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
