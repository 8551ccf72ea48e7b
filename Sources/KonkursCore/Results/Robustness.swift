/// The protocol's robustness section: would the winners change if the marks were aggregated across
/// jurors by another method the regulation names? The same marks are recomputed with every trial that
/// aggregates marks (not places) switched to the alternative; the winners are compared per nomination.
public struct RobustnessLine: Sendable, Equatable {
    public var method: Aggregation.Method
    public var nomination: String
    /// The winners under the alternative method; nil when it could not be computed (e.g. a tie the
    /// people's decisions do not cover arises only under the alternative).
    public var winners: [String]?
    public var sameWinners: Bool
}

public enum Robustness {
    /// The alternatives to try: the declared ones, or mean and median; the method every trial
    /// already uses is not an alternative.
    public static func alternatives(_ regulation: Regulation) -> [Aggregation.Method] {
        let declared: [Aggregation.Method] = regulation.result.robustness.isEmpty ? [.mean, .median] : regulation.result.robustness
        let used = Set(regulation.trials.filter { !$0.acrossJurors.method.isRankBased }.map(\.acrossJurors.method))
        return declared.filter { !$0.isRankBased && !(used.count == 1 && used.contains($0)) }
    }

    public static func check(regulation: Regulation, input: ScoreInput, decisions: Decisions, baseline: ResultProtocol) -> [RobustnessLine] {
        alternatives(regulation).flatMap { method -> [RobustnessLine] in
            let alternative = try? ResultEngine(regulation: switched(regulation, to: method), input: input, decisions: decisions).compute(inputs: [])
            return baseline.nominations.filter(\.held).map { nomination in
                let winners = alternative?.nominations.first { $0.id == nomination.id }.map(winners)
                return RobustnessLine(
                    method: method, nomination: nomination.id, winners: winners,
                    sameWinners: winners.map { Set($0) == Set(Self.winners(nomination)) } ?? false)
            }
        }
    }

    static func winners(_ nomination: NominationResult) -> [String] {
        nomination.entries.filter { $0.award == .winner }.map(\.entry)
    }

    /// The regulation with every mark-aggregating trial using `method` (trimming one mark at each end
    /// from three marks up, as the usual trimmed mean does, else the plain mean).
    static func switched(_ regulation: Regulation, to method: Aggregation.Method) -> Regulation {
        let stages = regulation.stages.map { stage in
            var stage = stage
            stage.trials = stage.trials.map { trial in
                guard !trial.acrossJurors.method.isRankBased else { return trial }
                var trial = trial
                let trims = method.trims
                trial.acrossJurors = Aggregation(
                    method: method, trim: trims ? max(trial.acrossJurors.trim, 1) : 0,
                    minimumPanel: trims ? max(trial.acrossJurors.minimumPanel, 3) : 1,
                    fallback: method == .middleSum ? .sum : .mean, target: trial.acrossJurors.target)
                return trial
            }
            return stage
        }
        return Regulation(
            contest: regulation.contest, edition: regulation.edition, timeZone: regulation.timeZone, rounding: regulation.rounding,
            roundingPoints: regulation.roundingPoints, nominations: regulation.nominations, stages: stages, result: regulation.result,
            jury: regulation.jury)
    }
}
