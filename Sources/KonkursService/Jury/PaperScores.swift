import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Marks typed in from paper sheets (`entry,juror,trial,criterion,score`, the offline computation's
/// columns; `entry` is the application number, `juror` the login). The whole file is checked first;
/// then every sheet is written and submitted in one transaction, recorded as entered by the secretary.
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
                sheets[key, default: ([:], line)].marks[trial.criteria[Int(mark.criterion)].id] = DecimalText.exact(score)
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
            return sheets.count
        }
    }
}
