import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Marks typed in from paper sheets: every column of the offline computation's score file
/// (`entry,juror,trial,criterion,score`, and `attempt`, `penalty`, `factor`, `extra`, `extra:NAME`
/// where the regulation declares them; `entry` is the application number, `juror` the login). The
/// whole file is checked first; then every sheet and every attempt's values are written (the sheets
/// submitted) in one transaction, recorded as entered by the secretary.
extension ScoreService {
    public func importPaper(_ origin: RequestOrigin, contestID: Int64, file: InputFile) async throws -> Int {
        let actor = try origin.authorize(.manageJury, .registry)
        return try await database.transaction { connection in
            // The edition's row is held until the sheets are written: the stage cannot close half-way through the file.
            guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            let regulation = try await regulations.regulation(digest: contest.regulationDigest) { contest.regulationText }
            guard contest.phase == .stageActive, let stageID = contest.currentStage, let stage = regulation.stage(stageID) else {
                throw ServiceError.conflict("этап не идёт: оценки с бумажных листов вносятся, пока этап открыт")
            }
            let input = try ScoreFileReader.read(regulation: regulation, scores: file)
            let assignments = try await JuryQueries.assignments(connection, contestID: contestID, stage: stageID, logger: logger)
            let conflicts = Set(
                try await JuryQueries.conflicts(connection, contestID: contestID, logger: logger).map { "\($0.userID):\($0.applicationID)" })
            var users: [String: UserAccount] = [:]
            for login in input.jurors { users[login] = try await UserQueries.find(connection, login: login.lowercased(), logger: logger) }
            var problems: [InputProblem] = []
            var sheets: [SheetQueries.Key: (marks: [String: String], line: Int)] = [:]
            for mark in input.marks {
                let line = Int(mark.line)
                let entry = input.entries[Int(mark.entry)].id
                let login = input.jurors[Int(mark.juror)]
                let trial = regulation.trials[Int(mark.trial)]
                guard regulation.trialStages[Int(mark.trial)] == stageID else {
                    problems.append(.init(file: file.name, line: line, message: "испытание «\(trial.id)» не из текущего этапа «\(stage.title)»"))
                    continue
                }
                guard let applicationID = Int64(entry.drop { !$0.isNumber }) else {
                    problems.append(.init(file: file.name, line: line, message: "«\(entry)»: ожидается номер заявки"))
                    continue
                }
                guard let user = users[login] else {
                    problems.append(.init(file: file.name, line: line, message: "член жюри «\(login)» не найден"))
                    continue
                }
                guard assignments.contains(where: { $0.applicationID == applicationID && $0.userID == user.id }),
                    !conflicts.contains("\(user.id):\(applicationID)")
                else {
                    problems.append(
                        .init(file: file.name, line: line, message: "заявка №\(applicationID) не назначена члену жюри «\(login)» в этом этапе"))
                    continue
                }
                guard let score = mark.score else { continue }
                let key = SheetQueries.Key(contestID: contestID, stage: stageID, trial: trial.id, applicationID: applicationID, userID: user.id)
                let field = SheetField(criterion: trial.criteria[Int(mark.criterion)].id, attempt: Int(mark.attempt))
                sheets[key, default: ([:], line)].marks[field.key] = DecimalText.exact(score)
                if let penalty = mark.penalty {
                    sheets[key, default: ([:], line)].marks[SheetField(criterion: field.criterion, attempt: field.attempt, isPenalty: true).key] =
                        DecimalText.exact(penalty)
                }
            }
            var values: [(applicationID: Int64, trial: String, attempt: Int, column: String, value: String)] = []
            for (key, attempt) in input.attempts where regulation.trialStages[Int(key.trial)] == stageID {
                guard let applicationID = Int64(input.entries[Int(key.entry)].id.drop { !$0.isNumber }) else { continue }
                let trial = regulation.trials[Int(key.trial)].id
                let columns = [("factor", attempt.factor), ("extra", attempt.extra)] + attempt.components.map { ("extra:\($0.key)", $0.value) }
                for case (let column, let value?) in columns {
                    values.append((applicationID, trial, Int(key.attempt), column, DecimalText.exact(value) ?? ""))
                }
            }
            for (key, sheet) in sheets {
                if let existing = try await SheetQueries.find(connection, key, logger: logger), existing.status == .submitted {
                    problems.append(
                        .init(
                            file: file.name, line: sheet.line, message: "лист заявки №\(key.applicationID) («\(key.trial)») уже сдан этим членом жюри"
                        ))
                }
            }
            guard problems.isEmpty else { throw InputError(problems: problems, total: problems.count) }
            for (key, sheet) in sheets.sorted(by: {
                ($0.key.applicationID, $0.key.userID, $0.key.trial) < ($1.key.applicationID, $1.key.userID, $1.key.trial)
            }) {
                let version = try await SheetQueries.find(connection, key, logger: logger)?.version ?? 0
                guard
                    let saved = try await SheetQueries.save(
                        connection, key, marks: sheet.marks, comments: [:], removed: [], expectedVersion: version, enteredBy: actor.login,
                        logger: logger)
                else { throw ServiceError.conflict("лист заявки №\(key.applicationID) изменился во время загрузки: загрузите файл ещё раз") }
                let submitted = try await SheetQueries.submit(connection, id: saved.id, key: nil, logger: logger)
                try await audit.record(
                    connection, origin: origin, action: "score.paper", target: "sheet:\(submitted.id)",
                    details: sheet.marks.merging(["file": file.name]) { $1 })
            }
            for value in values.sorted(by: {
                ($0.applicationID, $0.trial, $0.attempt, $0.column) < ($1.applicationID, $1.trial, $1.attempt, $1.column)
            }) {
                let previous = try await AttemptValueQueries.set(
                    connection, contestID: contestID, stage: stageID, trial: value.trial, applicationID: value.applicationID, attempt: value.attempt,
                    component: value.column, value: value.value, by: actor.login, logger: logger)
                try await audit.record(
                    connection, origin: origin, action: "score.component", target: "application:\(value.applicationID)",
                    details: [
                        "trial": value.trial, "attempt": "\(value.attempt)", "component": value.column, "value": value.value,
                        "previous": previous ?? "", "file": file.name,
                    ])
            }
            return sheets.count
        }
    }
}
