import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// An attempt's own values (factor, extra points, named extras): entered by whoever the trial
/// declares — the secretary, or the chair of the application's panel — while the stage is being
/// scored, each change audited with the value it replaced, locked with the stage like the marks.
extension ScoreService {
    /// What the actor may enter in the stage being scored: a line per application × trial × attempt
    /// with the trial's declared values.
    public struct AttemptSheet: Sendable {
        public struct Line: Sendable {
            public let application: Application
            public let trial: Trial
            public let attempt: Int
            /// The trial's attempt components the actor enters, with their current values.
            public let values: [(component: TrialComponent, value: String?)]
        }

        public let contest: ContestEdition
        public let stage: Stage
        public let lines: [Line]
    }

    public func attemptSheet(_ origin: RequestOrigin, contestID: Int64) async throws -> AttemptSheet {
        let actor = try origin.authorize(.enterComponents, .registry)
        let logger = logger
        return try await database.read { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
            let regulation = try await regulations.regulation(digest: contest.regulationDigest) { contest.regulationText }
            guard contest.phase == .stageActive, let stageID = contest.currentStage, let stage = regulation.stage(stageID) else {
                throw ServiceError.conflict("этап не идёт: баллы попыток вносятся, пока этап открыт")
            }
            let chaired = try await chairedApplications(connection, actor: actor, contestID: contestID, stage: stageID)
            let stored = Dictionary(
                grouping: try await AttemptValueQueries.list(connection, contestID: contestID, logger: logger),
                by: { "\($0.applicationID)/\($0.trial)/\($0.attempt)" })
            var lines: [AttemptSheet.Line] = []
            for application in try await ApplicationQueries.list(connection, .init(contest: contestID, status: .admitted), logger: logger) {
                for trial in stage.trials {
                    let mine = trial.attemptComponents.filter {
                        origin.allows(.enterComponents, .attemptValues(enteredBy: $0.enteredBy, chairedByActor: chaired.contains(application.id)))
                    }
                    guard !mine.isEmpty else { continue }
                    for attempt in 1...trial.attempts {
                        let values = stored["\(application.id)/\(trial.id)/\(attempt)"] ?? []
                        lines.append(
                            .init(
                                application: application, trial: trial, attempt: attempt,
                                values: mine.map { component in (component, values.first { $0.component == component.column }?.value) }))
                    }
                }
            }
            return AttemptSheet(contest: contest, stage: stage, lines: lines)
        }
    }

    /// Sets an attempt's values by column (`factor`, `extra`, `extra:NAME`; an empty text clears one).
    /// Refused whole, naming the rule, when the trial does not declare a value, the actor is not who
    /// enters it, the attempt is beyond the declared count or the stage is not being scored.
    public func enterAttemptValues(
        _ origin: RequestOrigin, applicationID: Int64, trial trialID: String, attempt: Int, values: [String: String]
    ) async throws -> [String: String] {
        let actor = try origin.authorize(.enterComponents, .registry)
        let logger = logger
        return try await database.transaction { connection in
            try await SheetQueries.lockStageShared(connection, applicationID: applicationID, logger: logger)
            guard let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger),
                let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)
            else { throw ServiceError.notFound }
            let regulation = try await regulations.regulation(digest: contest.regulationDigest) { contest.regulationText }
            guard contest.phase == .stageActive, let stageID = contest.currentStage, let stage = regulation.stage(stageID) else {
                throw ServiceError.conflict("этап не идёт: баллы попыток вносятся, пока этап открыт")
            }
            guard application.status == .admitted else { throw ServiceError.conflict("заявка №\(applicationID) не допущена к оцениванию") }
            guard let trial = stage.trials.first(where: { $0.id == trialID }) else {
                throw InvalidInput([.init(field: "trial", message: "Испытания «\(trialID)» нет в текущем этапе «\(stage.title)»")])
            }
            guard (1...trial.attempts).contains(attempt) else {
                throw InvalidInput([
                    .init(field: "attempt", message: "В испытании «\(trial.title)» попыток \(trial.attempts), попытки \(attempt) нет")
                ])
            }
            let chaired = try await chairedApplications(connection, actor: actor, contestID: contest.id, stage: stageID).contains(applicationID)
            var problems: [InvalidInput.Problem] = []
            var checked: [(component: TrialComponent, value: String?)] = []
            for (column, text) in values.sorted(by: { $0.key < $1.key }) {
                guard let component = trial.component(column: column), component.kind != .penalty else {
                    problems.append(
                        .init(
                            field: column,
                            message: column == "penalty"
                                ? "Штраф ставит член жюри в своём листе"
                                : "Испытание «\(trial.title)» не предусматривает «\(column)»"))
                    continue
                }
                guard origin.allows(.enterComponents, .attemptValues(enteredBy: component.enteredBy, chairedByActor: chaired)) else {
                    problems.append(.init(field: column, message: "«\(component.title)» по положению вносит \(component.enteredBy.title)"))
                    continue
                }
                if text.trimmingSpaces.isEmpty {
                    checked.append((component, nil))
                    continue
                }
                do {
                    checked.append((component, DecimalText.exact(try component.value(text))))
                } catch let error as InvalidInput {
                    problems += error.problems

                }
            }
            guard problems.isEmpty else { throw InvalidInput(problems) }
            for (component, value) in checked {
                let previous = try await AttemptValueQueries.set(
                    connection, contestID: contest.id, stage: stageID, trial: trial.id, applicationID: applicationID, attempt: attempt,
                    component: component.column, value: value, by: actor.login, logger: logger)
                guard previous != value else { continue }
                try await audit.record(
                    connection, origin: origin, action: "score.component", target: "application:\(applicationID)",
                    details: [
                        "trial": trial.id, "attempt": "\(attempt)", "component": component.column, "value": value ?? "", "previous": previous ?? "",
                    ])
            }
            let now = try await AttemptValueQueries.list(connection, contestID: contest.id, logger: logger).filter {
                $0.applicationID == applicationID && $0.trial == trial.id && $0.attempt == attempt
            }
            return Dictionary(uniqueKeysWithValues: now.map { ($0.component, $0.value) })
        }
    }

    /// The applications of the stage whose panel the actor chairs.
    func chairedApplications(_ connection: PostgresConnection, actor: Actor, contestID: Int64, stage: String) async throws -> Set<Int64> {
        let panels = try await JuryQueries.panels(connection, contestID: contestID, logger: logger)
        let chaired = Set(panels.filter { $0.members.contains { $0.userID == actor.userID && $0.role == .chair && $0.active } }.map(\.id))
        guard !chaired.isEmpty else { return [] }
        return Set(
            try await JuryQueries.assignments(connection, contestID: contestID, stage: stage, logger: logger).filter { chaired.contains($0.panelID) }
                .map(\.applicationID))
    }
}
