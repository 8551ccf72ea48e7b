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
        let organisations = Dictionary(
            uniqueKeysWithValues: try await OrganisationQueries.list(connection, logger: logger).map { ($0.id, $0.shortName) })
        let layout = ScoreFileLayout(regulation: regulation)
        let attemptValues = Dictionary(
            grouping: try await AttemptValueQueries.list(connection, contestID: contestID, logger: logger),
            by: { ScoreFileLayout.AttemptKey(applicationID: $0.applicationID, trial: $0.trial, attempt: $0.attempt) }
        ).mapValues { Dictionary($0.map { ($0.component, $0.value) }, uniquingKeysWith: { $1 }) }
        // Written a line at a time as `Table.csv` would write it: 5,000,000 marks never exist as rows.
        var scores = layout.header
        let trials = regulation.trials.map { (id: $0.id, keys: SheetField.fields(of: $0).map(\.key)) }
        try await SheetQueries.forEachSubmitted(connection, contestID: contestID, trials: trials, logger: logger) {
            application, login, trial, values in
            layout.write(application: application, login: login, trial: trial, values: values, attemptValues: attemptValues, to: &scores)
        }

        let entries = Table(
            header: ["entry", "name", "organisation", "status", "nomination"],
            rows: applications.map {
                let organisation = organisations[$0.organisationID] ?? ""
                return ["\($0.id)", $0.entryTitle, organisation, "ok", $0.nomination]
            }

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
    public func recordDecisions(_ origin: RequestOrigin, contestID: Int64, text: String, details: [String: String] = [:]) async throws {
        let actor = try origin.authorize(.manageJury, .registry)
        var checks = FieldChecks()
        _ = checks.paragraphs(text, "decisions", limit: 200_000, title: "Файл решений")
        try checks.check()
        var files = try await inputs(origin, contestID: contestID)
        files.decisions = InputFile(name: "decisions.yaml", bytes: Array(text.utf8))
        _ = try OfflineResults.compute(files, format: .json)
        let digest = Secrets.sha256(Data(text.utf8))
        try await database.transaction { connection in
            try await ContestQueries.setDecisions(
                connection, contestID: contestID, text: text, sha256: digest, by: actor.login, logger: database.logger)
            try await AuditTrail(database: database).record(
                connection, origin: origin, action: "results.decisions", target: "contest:\(contestID)",
                details: details.merging(["sha256": digest]) { $1 })

        }
    }

    public func compute(_ origin: RequestOrigin, contestID: Int64, format: ProtocolRenderer.Format) async throws -> OfflineResults.Output {
        try OfflineResults.compute(try await inputs(origin, contestID: contestID), format: format)
    }
}
