import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Results of an edition computed from the database by the offline path itself: the stored
/// regulation, the submitted sheets and the admitted applications are written out as the same files
/// the counting commission would use (`regulation.yaml`, `scores.csv`, `entries.csv`) and computed by
/// `OfflineResults`. The files can be exported, and computing them offline gives the same bytes.
public struct ContestResults: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func inputs(_ origin: RequestOrigin, contestID: Int64) async throws -> OfflineResults.Files {
        _ = try origin.authorize(.viewScoring, .registry)
        return try await database.read { try await Self.inputs($0, contestID: contestID, logger: database.logger) }
    }

    /// The files for the edition as they stand in this connection's view of the database.
    static func inputs(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> OfflineResults.Files {
        guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        let applications = try await ApplicationQueries.list(connection, .init(contest: contestID, status: .admitted), logger: logger)
        let organisations = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.list(connection, logger: logger).map { ($0.id, $0.shortName) })
        let logins = Dictionary(uniqueKeysWithValues: try await UserQueries.list(connection, logger: logger).map { ($0.id, $0.login) })
        var sheets: [ScoreSheet] = []
        for stage in regulation.stages {
            sheets += try await SheetQueries.list(connection, contestID: contestID, stage: stage.id, logger: logger).filter { $0.status == .submitted }
        }
        let admitted = Set(applications.map(\.id))
        let trialOrder = Dictionary(uniqueKeysWithValues: regulation.trials.enumerated().map { ($1.id, $0) })
        var rows: [[String]] = []
        for sheet in sheets where admitted.contains(sheet.applicationID) {
            guard let trial = regulation.trials.first(where: { $0.id == sheet.trial }) else { continue }
            for criterion in trial.criteria {
                guard let mark = sheet.marks[criterion.id], let text = DecimalText.exact(mark) else { continue }
                rows.append(["\(sheet.applicationID)", logins[sheet.jurorID] ?? "\(sheet.jurorID)", trial.id, criterion.id, text])
            }
        }
        rows.sort { lhs, rhs in
            (Int64(lhs[0])!, lhs[1], trialOrder[lhs[2]] ?? 0) < (Int64(rhs[0])!, rhs[1], trialOrder[rhs[2]] ?? 0)
        }
        let scores = Table(header: ["entry", "juror", "trial", "criterion", "score"], rows: rows).csv(protectFormulas: false)
        let entries = Table(
            header: ["entry", "name", "organisation", "status", "nomination"],
            rows: applications.map { ["\($0.id)", $0.contestantName, organisations[$0.organisationID] ?? "", "ok", $0.nomination] }
        ).csv(protectFormulas: false)
        let decisions = try await ContestQueries.decisions(connection, contestID: contestID, logger: logger)
        return OfflineResults.Files(
            regulation: InputFile(name: "regulation.yaml", bytes: Array(contest.regulationText.utf8)),
            scores: InputFile(name: "scores.csv", bytes: Array(scores.utf8)), entries: InputFile(name: "entries.csv", bytes: Array(entries.utf8)),
            decisions: decisions.map { InputFile(name: "decisions.yaml", bytes: Array($0.utf8)) })
    }

    /// Applications still in the contest after the stages scored so far, by the regulation's
    /// advancement rules as the engine applies them.
    public func advancing(_ origin: RequestOrigin, contestID: Int64) async throws -> Set<Int64> {
        let (document, _) = try OfflineResults.protocolDocument(try await inputs(origin, contestID: contestID))
        return Set(document.nominations.flatMap(\.entries).filter { $0.eliminatedAfter == nil && $0.status == .ok }.compactMap { Int64($0.entry) })
    }

    /// Records the decisions file (ties decided by the jury or the chair, special prizes) after
    /// checking it against the edition's data: a decision naming an unknown entry or prize is refused.
    public func recordDecisions(_ origin: RequestOrigin, contestID: Int64, text: String) async throws {
        let actor = try origin.authorize(.manageJury, .registry)
        guard !text.trimmingSpaces.isEmpty, text.count <= 200_000 else {
            throw InvalidInput([.init(field: "decisions", message: "Файл решений пуст или длиннее 200 000 символов")])
        }
        var files = try await inputs(origin, contestID: contestID)
        files.decisions = InputFile(name: "decisions.yaml", bytes: Array(text.utf8))
        _ = try OfflineResults.compute(files, format: .json)
        let digest = Secrets.sha256(Data(text.utf8))
        try await database.transaction { connection in
            try await ContestQueries.setDecisions(connection, contestID: contestID, text: text, sha256: digest, by: actor.login, logger: database.logger)
            try await AuditTrail(database: database).record(
                connection, origin: origin, action: "results.decisions", target: "contest:\(contestID)", details: ["sha256": digest])
        }
    }

    public func compute(_ origin: RequestOrigin, contestID: Int64, format: ProtocolRenderer.Format) async throws -> OfflineResults.Output {
        try OfflineResults.compute(try await inputs(origin, contestID: contestID), format: format)
    }
}
