/// Whether the jury the regulation plans can give a stage's methods the marks they need. A method
/// that trims the extreme marks works only with `minimum_panel` marks or more: planning fewer jurors
/// per application (`jury.per_application`) makes it fall back on every application, silently
/// turning one declared method into another. Reported when the regulation is checked; opening such a
/// stage for scoring is refused.
public enum PanelRules {
    public static func problems(in stage: Stage, jury: JuryRules) -> [String] {
        stage.trials.compactMap { trial in
            let rule = trial.acrossJurors
            guard rule.method.trims, rule.minimumPanel > jury.perApplication else { return nil }
            return "«\(trial.title)»: \(rule.method.title) считается, только когда оценок не меньше \(rule.minimumPanel) (minimum_panel), "
                + "а членов жюри на заявку — \(jury.perApplication) (jury.per_application): "
                + "укажите per_application не меньше \(rule.minimumPanel) или другой способ подсчёта"
        }
    }

    /// The problems of every stage, for the regulation's check.
    public static func warnings(_ regulation: Regulation) -> [String] {
        regulation.stages.flatMap { problems(in: $0, jury: regulation.jury) }
    }
}
