/// Whether the jury the regulation plans can give a stage's methods the marks they need. A method
/// that trims the extreme marks works only with `minimum_panel` marks or more: planning fewer jurors
/// per application (`jury.per_application`) makes it fall back on every application, silently
/// turning one declared method into another. A method by places needs every juror to place every
/// entry: a jury larger than the jurors planned per application cannot give it that. Reported when
/// the regulation is checked; opening such a stage for scoring is refused.
public enum PanelRules {
    /// `scorers`: how many members of the stage's jury score (nil while no jury is formed).
    public static func problems(in stage: Stage, jury: JuryRules, scorers: Int? = nil) -> [String] {
        stage.trials.compactMap { trial in
            let rule = trial.acrossJurors
            if rule.method.trims, rule.minimumPanel > jury.perApplication {
                return "«\(trial.title)»: \(rule.method.title) считается, только когда оценок не меньше \(rule.minimumPanel) (minimum_panel), "
                    + "а членов жюри на заявку — \(jury.perApplication) (jury.per_application): "
                    + "укажите per_application не меньше \(rule.minimumPanel) или другой способ подсчёта"
            }
            if rule.method.isRankBased, let scorers, scorers > jury.perApplication {
                return "«\(trial.title)»: \(rule.method.title) сравнивает места, которые каждый член жюри ставит всем участникам, "
                    + "а членов жюри на заявку — \(jury.perApplication) (jury.per_application) при составе жюри \(scorers): "
                    + "каждый член жюри должен оценить каждого участника"
            }
            return nil
        }
    }

    /// The problems of every stage, for the regulation's check.
    public static func warnings(_ regulation: Regulation) -> [String] {
        regulation.stages.flatMap { problems(in: $0, jury: regulation.jury) }
    }
}
