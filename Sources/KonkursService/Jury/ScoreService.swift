import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Score sheets: a juror fills marks (each saved at once), submits, and the chair may reopen. Every
/// write goes through one gate: the stage is being scored, the juror is assigned, active, not
/// conflicted and has confirmed having no conflict.
public struct ScoreService: Sendable {
    let database: Database
    let regulations = RegulationCache()
    let gates = GateCache()
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// A write based on an old version of the sheet (another tab, another device): nothing was
    /// changed; `current` is what the sheet says now.
    public struct StaleSheet: ActionableError {
        public let current: ScoreSheet
        public var message: String { "лист изменён в другой вкладке или на другом устройстве: показаны текущие оценки" }
    }

    /// One juror's work in a stage: the application, and the sheets of its trials.
    public struct WorkItem: Sendable {
        public let contest: ContestEdition
        public let stage: Stage
        public let application: Application
        public let sheets: [String: ScoreSheet]
        public let confirmed: Bool
    }

    /// What the signed-in juror has to score, in the stages being scored now.
    public func work(_ origin: RequestOrigin) async throws -> [WorkItem] {
        let actor = try origin.authorize(.enterScores, .registry)
        let logger = logger
        return try await database.read { connection in
            var items: [WorkItem] = []
            for contest in try await ContestQueries.list(connection, includeDrafts: false, logger: logger) where contest.phase == .stageActive {
                let regulation = try await regulations.regulation(digest: contest.regulationDigest) { contest.regulationText }
                guard let stageID = contest.currentStage, let stage = regulation.stage(stageID) else { continue }
                let mine = try await JuryQueries.assignments(connection, contestID: contest.id, stage: stageID, userID: actor.userID, logger: logger)
                let conflicts = Set(
                    try await JuryQueries.conflicts(connection, contestID: contest.id, logger: logger).filter { $0.userID == actor.userID }.map(
                        \.applicationID))
                let confirmed = try await JuryQueries.confirmed(
                    connection, userID: actor.userID, contestID: contest.id, stage: stageID, logger: logger)
                let sheets = try await SheetQueries.list(connection, contestID: contest.id, stage: stageID, logger: logger).filter {
                    $0.jurorID == actor.userID
                }
                for assignment in mine where !conflicts.contains(assignment.applicationID) {
                    guard let application = try await ApplicationQueries.find(connection, id: assignment.applicationID, logger: logger) else {
                        continue
                    }
                    items.append(
                        WorkItem(
                            contest: contest, stage: stage, application: application,
                            sheets: Dictionary(uniqueKeysWithValues: sheets.filter { $0.applicationID == application.id }.map { ($0.trial, $0) }),
                            confirmed: confirmed))
                }
            }
            return items
        }
    }

    /// Checks the gate for the actor's write to an application's trial under the stage lock (held
    /// to the end of the caller's transaction); returns the trial and rules.
    func open(_ connection: PostgresConnection, _ origin: RequestOrigin, applicationID: Int64, trial trialID: String) async throws
        -> (gate: SheetQueries.Gate, trial: Trial, rules: JuryRules, key: SheetQueries.Key)
    {
        _ = try origin.authorize(.enterScores, .registry)
        try await SheetQueries.lockStageShared(connection, applicationID: applicationID, logger: logger)
        let gate = try await readGate(connection, origin, applicationID: applicationID)
        return try await decide(connection, origin, gate: gate, applicationID: applicationID, trial: trialID)
    }

    func readGate(_ connection: PostgresConnection, _ origin: RequestOrigin, applicationID: Int64) async throws -> SheetQueries.Gate {
        let actor = try origin.authorize(.enterScores, .registry)
        guard let gate = try await SheetQueries.gate(connection, applicationID: applicationID, userID: actor.userID, logger: logger) else {
            throw ServiceError.notFound
        }
        return gate
    }

    /// Decides on a gate: the stage is being scored, the juror is assigned, active, not conflicted
    /// and has confirmed having no conflict, and the trial is in the stage.
    func decide(_ connection: PostgresConnection, _ origin: RequestOrigin, gate: SheetQueries.Gate, applicationID: Int64, trial trialID: String)
        async throws
        -> (gate: SheetQueries.Gate, trial: Trial, rules: JuryRules, key: SheetQueries.Key)
    {
        let actor = try origin.authorize(.enterScores, .registry)
        _ = try origin.authorize(.enterScores, .scoring(assigned: gate.assignedPanel != nil, conflicted: gate.conflicted))
        guard gate.phase == .stageActive, let stageID = gate.stage else {
            throw ServiceError.conflict("этап не идёт: оценки принимаются только пока этап открыт")
        }
        guard gate.activeMember else { throw ServiceError.conflict("вы исключены из состава жюри: оценки больше не принимаются") }
        guard gate.confirmed else {
            throw ServiceError.conflict("сначала подтвердите, что у вас нет конфликта интересов с участниками этого этапа")
        }
        let regulation = try await regulations.regulation(digest: gate.regulationDigest) {
            try await SheetQueries.regulationText(connection, contestID: gate.contestID, logger: logger)
        }
        guard let trial = regulation.stage(stageID)?.trials.first(where: { $0.id == trialID }) else {
            throw InvalidInput([.init(field: "trial", message: "Испытания «\(trialID)» нет в текущем этапе")])
        }
        let key = SheetQueries.Key(contestID: gate.contestID, stage: stageID, trial: trialID, applicationID: applicationID, userID: actor.userID)
        return (gate, trial, regulation.jury, key)
    }

    /// The juror's sheet (nil before the first mark), after the gate.
    public func sheet(_ origin: RequestOrigin, applicationID: Int64, trial: String) async throws -> (Trial, ScoreSheet?) {
        try await database.transaction { connection in
            let opened = try await open(connection, origin, applicationID: applicationID, trial: trial)
            return (opened.trial, try await SheetQueries.find(connection, opened.key, logger: logger))
        }
    }

    /// Saves marks and comments (typed text; an empty mark clears it) onto the version the juror saw.
    /// The service decides on the gate (as remembered from the juror's last save, or read), then one
    /// call writes under the stage lock only if the gate still reads the same (`SheetQueries.save(gate:)`).
    /// A refusal always comes from a gate read just now. The call runs in an explicit transaction: the
    /// answer is given only after COMMIT has returned (an implicit single-statement transaction lost
    /// an acknowledged save once in `test_faults.py`, across PostgreSQL's immediate restart).
    public func save(
        _ origin: RequestOrigin, applicationID: Int64, trial: String, marks: [String: String], comments: [String: String], expectedVersion: Int
    ) async throws -> ScoreSheet {
        let actor = try origin.authorize(.enterScores, .registry)
        var checks = FieldChecks()
        for (criterion, comment) in comments {
            _ = comment.isEmpty ? "" : checks.text(comment, "comments.\(criterion)", limit: 2000, title: "Комментарий")
        }
        checks.require(
            ScoreSheet.versions.contains(expectedVersion), "version", "Версия листа: целое число от 0 до \(ScoreSheet.versions.upperBound)")
        try checks.check()
        return try await database.transaction { connection in
            var remembered = gates[actor.userID, applicationID]
            for _ in 0..<3 {
                let fresh = remembered == nil
                let gate = if let remembered { remembered } else { try await readGate(connection, origin, applicationID: applicationID) }
                remembered = nil
                let opened: (gate: SheetQueries.Gate, trial: Trial, rules: JuryRules, key: SheetQueries.Key)
                let checked: (values: [String: String], removed: [String])
                do {
                    opened = try await decide(connection, origin, gate: gate, applicationID: applicationID, trial: trial)
                    checked = try Self.checkedMarks(marks, comments: comments, trial: opened.trial)
                } catch _ where !fresh {
                    continue
                }
                let details = AuditTrail.json(checked.values.merging(checked.removed.map { ($0, "") }) { $1 })
                switch try await SheetQueries.save(
                    connection, gate: gate, opened.key, marks: checked.values, comments: comments.mapValues(\.trimmingSpaces),
                    removed: checked.removed,
                    expectedVersion: expectedVersion, actorLogin: actor.login, requestID: origin.requestID, details: details, logger: logger)
                {
                case .saved(let sheet):
                    gates[actor.userID, applicationID] = gate
                    return sheet
                case .refused(let current?) where current.status == .submitted:
                    throw ServiceError.conflict("лист уже сдан: изменить его может только председатель, открыв его заново")
                case .refused(let current?):
                    gates[actor.userID, applicationID] = gate
                    throw StaleSheet(current: current)
                case .refused(nil), .gateChanged:
                    continue
                }
            }
            throw ServiceError.conflict("состав жюри или этап меняются прямо сейчас: сохраните оценку ещё раз")
        }
    }

    /// The typed marks (and penalties, by `SheetField.key`) as exact decimals on their scales, and
    /// the keys whose value is cleared.
    static func checkedMarks(_ marks: [String: String], comments: [String: String], trial: Trial) throws -> (
        values: [String: String], removed: [String]
    ) {
        var values: [String: String] = [:]
        var removed: [String] = []
        var problems: [InvalidInput.Problem] = []
        for (id, text) in marks.sorted(by: { $0.key < $1.key }) {
            guard let field = SheetField(key: id), let criterion = trial.criterion(field.criterion), field.problem(in: trial) == nil else {
                problems.append(
                    .init(field: id, message: SheetField(key: id)?.problem(in: trial) ?? "Критерия «\(id)» нет в испытании «\(trial.title)»"))
                continue
            }
            if text.trimmingSpaces.isEmpty {
                removed.append(id)
                continue
            }
            switch Self.typed(text, field: field, criterion: criterion, trial: trial) {
            case .success(let value): values[id] = DecimalText.exact(value)
            case .failure(let error): problems += error.problems.map { .init(field: id, message: $0.message) }
            }
        }
        for id in comments.keys {
            guard let field = SheetField(key: id), !field.isPenalty, field.problem(in: trial) == nil else {
                problems.append(.init(field: id, message: "Комментарий к «\(id)»: такой оценки нет в испытании «\(trial.title)»"))
                continue
            }
        }

        guard problems.isEmpty else { throw InvalidInput(problems) }
        return (values, removed)
    }

    private static func typed(_ text: String, field: SheetField, criterion: Criterion, trial: Trial) -> Result<Rational, InvalidInput> {
        do throws(InvalidInput) {
            if field.isPenalty, let penalty = trial.penalty { return .success(try penalty.value(text)) }
            return .success(try SheetRules.mark(text, for: criterion))
        } catch {
            return .failure(error)
        }
    }

    /// Locks the sheet once every criterion has its mark. The same key again (a retry after a lost
    /// answer) returns the submitted sheet and changes nothing.
    public func submit(_ origin: RequestOrigin, applicationID: Int64, trial: String, idempotencyKey: String?) async throws -> ScoreSheet {
        try await database.transaction { connection in
            let opened = try await open(connection, origin, applicationID: applicationID, trial: trial)
            guard let sheet = try await SheetQueries.find(connection, opened.key, logger: logger) else {
                throw InvalidInput([.init(field: "sheet", message: "Лист пуст: поставьте оценки по всем критериям")])
            }
            let locked = try await SheetQueries.find(connection, id: sheet.id, forUpdate: true, logger: logger)!
            if locked.status == .submitted {
                let key = try await SheetQueries.submitKey(connection, id: sheet.id, logger: logger)
                if let idempotencyKey, key == idempotencyKey { return locked }
                throw ServiceError.conflict("лист уже сдан")
            }
            let problems = SheetRules.submitProblems(locked, trial: opened.trial, rules: opened.rules)
            guard problems.isEmpty else { throw InvalidInput(problems.map { .init(field: "sheet", message: $0) }) }
            let submitted = try await SheetQueries.submit(connection, id: sheet.id, key: idempotencyKey, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "score.submit", target: "sheet:\(sheet.id)",
                details: locked.marks.mapValues { DecimalText.exact($0) ?? "" })
            return submitted
        }
    }

    /// The chair of the sheet's panel reopens it for its juror, saying why.
    public func reopen(_ origin: RequestOrigin, sheetID: Int64, reason: String) async throws -> ScoreSheet {
        // Only a chair gets past here; whether they chair this sheet's panel is checked below.
        _ = try origin.authorize(.reopenSheets, .panel(chairedByActor: true))
        var checks = FieldChecks()
        let reason = checks.text(reason, "reason", limit: 2000, title: "Причина")
        try checks.check()
        return try await database.transaction { connection in
            guard let sheet = try await SheetQueries.find(connection, id: sheetID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            let assignments = try await JuryQueries.assignments(connection, contestID: sheet.contestID, stage: sheet.stage, logger: logger)
            let panelID = assignments.first { $0.applicationID == sheet.applicationID && $0.userID == sheet.jurorID }?.panelID
            let panel = try await JuryQueries.panels(connection, contestID: sheet.contestID, logger: logger).first { $0.id == panelID }
            let chairs = panel?.members.contains { $0.userID == origin.actor?.userID && $0.role == .chair && $0.active } ?? false
            _ = try origin.authorize(.reopenSheets, .panel(chairedByActor: chairs))
            guard sheet.status == .submitted else { throw ServiceError.conflict("лист ещё не сдан") }
            let contest = try await ContestQueries.find(connection, id: sheet.contestID, forUpdate: true, logger: logger)!
            guard contest.phase == .stageActive, contest.currentStage == sheet.stage else {
                throw ServiceError.conflict("этап закрыт: лист можно открыть заново только пока этап идёт")
            }
            let reopened = try await SheetQueries.reopen(connection, id: sheetID, logger: logger)
            try await audit.record(connection, origin: origin, action: "score.reopen", target: "sheet:\(sheetID)", details: ["reason": reason])
            return reopened
        }
    }
}
