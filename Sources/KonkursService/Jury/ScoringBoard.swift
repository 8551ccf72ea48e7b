import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// The secretary's board for the stage being scored: what each juror still owes, what each
/// application still lacks, where the jurors' totals disagree beyond the regulation's threshold.
extension ScoreService {
    public struct Board: Sendable {
        public struct JurorLine: Sendable {
            public let userID: Int64
            public let fullName: String
            public let owed: Int
            public let submitted: Int
        }

        public struct ApplicationLine: Sendable {
            public let application: Application
            public let jurors: [String]
            public let missing: Int
            /// Trial id → the spread of the jurors' totals, where it is over the threshold.
            public let disagreements: [String: Rational]
            /// The juror the regulation adds for a disagreement (`on_disagreement: extra_juror`): the
            /// least loaded member of the panel not yet scoring it and not conflicted; the secretary confirms.
            public let proposedJuror: Int64?
        }

        public let contest: ContestEdition
        public let stage: Stage?
        public let jurors: [JurorLine]
        public let applications: [ApplicationLine]
        public let sheets: [ScoreSheet]

        public var complete: Bool { jurors.allSatisfy { $0.owed == $0.submitted } }
    }

    public func board(_ origin: RequestOrigin, contestID: Int64) async throws -> Board {
        _ = try origin.authorize(.viewScoring, .registry)
        let logger = logger
        return try await database.read { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
            let regulation = try await regulations.regulation(digest: contest.regulationDigest) { contest.regulationText }
            guard let stage = regulation.stage(contest.stage(in: regulation)) else {
                return Board(contest: contest, stage: nil, jurors: [], applications: [], sheets: [])
            }
            let assignments = try await JuryQueries.assignments(connection, contestID: contestID, stage: stage.id, logger: logger)
            let sheets = try await SheetQueries.list(connection, contestID: contestID, stage: stage.id, logger: logger)
            let missing = try await SheetQueries.missing(
                connection, contestID: contestID, stage: stage.id, trials: stage.trials.map(\.id), logger: logger)
            let members = try await JuryQueries.panels(connection, contestID: contestID, logger: logger).flatMap(\.members)
            let scorers = Array(Set(members.filter { $0.active && $0.role.scores }.map(\.userID))).sorted()
            let conflicts = Set(
                try await JuryQueries.conflicts(connection, contestID: contestID, logger: logger).map {
                    JuryAssignment.Pair(application: $0.applicationID, juror: $0.userID)
                })
            let existing = Set(assignments.map { JuryAssignment.Pair(application: $0.applicationID, juror: $0.userID) })
            let names = Dictionary(members.map { ($0.userID, $0.fullName) }) { first, _ in first }
            let jurorIDs = Set(assignments.map(\.userID)).sorted { (names[$0] ?? "", $0) < (names[$1] ?? "", $1) }
            let jurors = jurorIDs.map { id in
                let owedMissing = missing.filter { $0.userID == id }.count
                let submitted = sheets.filter { $0.jurorID == id && $0.status == .submitted }.count
                return Board.JurorLine(userID: id, fullName: names[id] ?? "№\(id)", owed: submitted + owedMissing, submitted: submitted)
            }
            var lines: [Board.ApplicationLine] = []
            for applicationID in Set(assignments.map(\.applicationID)).sorted() {
                guard let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger) else { continue }
                var spreads: [String: Rational] = [:]
                if let threshold = regulation.jury.disagreement {
                    for trial in stage.trials {
                        if let spread = SheetRules.disagreements(
                            sheets.filter { $0.applicationID == applicationID }, trial: trial, threshold: threshold)[applicationID]
                        {
                            spreads[trial.id] = spread
                        }
                    }
                }
                let proposed =
                    spreads.isEmpty || regulation.jury.onDisagreement != .extraJuror
                    ? nil
                    : JuryAssignment.plan(
                        applications: [applicationID], jurors: scorers, conflicts: conflicts, existing: existing,
                        perApplication: existing.filter { $0.application == applicationID }.count + 1
                    ).added.first?.juror
                lines.append(
                    Board.ApplicationLine(
                        application: application,
                        jurors: assignments.filter { $0.applicationID == applicationID }.map { names[$0.userID] ?? "№\($0.userID)" },
                        missing: missing.filter { $0.applicationID == applicationID }.count, disagreements: spreads, proposedJuror: proposed))

            }
            return Board(contest: contest, stage: stage, jurors: jurors, applications: lines, sheets: sheets)
        }
    }
}
