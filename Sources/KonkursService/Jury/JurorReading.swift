import Foundation
import KonkursCore
import KonkursStore
import NIOCore
import PostgresNIO

/// What a juror may read of an application assigned to them (and not conflicted): the contestants,
/// the position, the documents; and for a chair, the sheets of the panels they chair.
extension ScoreService {
    func requireReadable(_ connection: PostgresConnection, _ origin: RequestOrigin, applicationID: Int64) async throws {
        let actor = try origin.authorize(.enterScores, .registry)
        _ = try origin.authorize(.enterScores, try await Self.scoring(connection, actor: actor, applicationID: applicationID, logger: logger))
    }

    /// The application as this juror meets it: assigned to them or not, conflicted or not.
    static func scoring(_ connection: PostgresConnection, actor: Actor, applicationID: Int64, logger: Logger) async throws -> Resource {
        let gate = try await SheetQueries.gate(connection, applicationID: applicationID, userID: actor.userID, logger: logger)
        return .scoring(assigned: gate?.assignedPanel != nil, conflicted: gate?.conflicted ?? false)
    }

    /// An application as its juror reads it: the own fields the regulation shows the jury (never the
    /// department's), with their titles; no pupil's guardian.
    public struct AssignedApplication: Sendable {
        public let application: Application
        public let documents: [ApplicationDocument]
        public let fields: [(title: String, value: String)]
    }

    public func assignedApplication(_ origin: RequestOrigin, applicationID: Int64) async throws -> AssignedApplication {
        try await database.transaction { connection in
            try await requireReadable(connection, origin, applicationID: applicationID)
            var application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger)!
            let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)!
            let declared =
                try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").nomination(application.nomination)?.fields ?? []
            let shown = declared.filter { $0.visibility == .jury }
            application.fields = application.fields.filter { id, _ in shown.contains { $0.id == id } }
            for index in application.members.indices { application.members[index].guardian = nil }
            return AssignedApplication(
                application: application, documents: try await DocumentQueries.list(connection, applicationID: applicationID, logger: logger),
                fields: shown.compactMap { field in application.fields[field.id].map { (field.title, $0) } })
        }
    }

    /// Submitted sheets of the current stages in panels the actor chairs, for reopening.
    public func chairedSheets(_ origin: RequestOrigin) async throws -> [(sheet: ScoreSheet, juror: String)] {
        guard let actor = origin.actor, actor.roles.contains(.chair) else { return [] }
        let logger = logger
        return try await database.read { connection in
            var result: [(ScoreSheet, String)] = []
            for contest in try await ContestQueries.list(connection, includeDrafts: false, logger: logger) where contest.phase == .stageActive {
                guard let stage = contest.currentStage else { continue }
                let panels = try await JuryQueries.panels(connection, contestID: contest.id, logger: logger)
                let chaired = Set(panels.filter { $0.members.contains { $0.userID == actor.userID && $0.role == .chair && $0.active } }.map(\.id))
                guard !chaired.isEmpty else { continue }
                let names = Dictionary(panels.flatMap(\.members).map { ($0.userID, $0.fullName) }) { first, _ in first }
                let assignments = try await JuryQueries.assignments(connection, contestID: contest.id, stage: stage, logger: logger)
                for sheet in try await SheetQueries.list(connection, contestID: contest.id, stage: stage, logger: logger)
                where sheet.status == .submitted {
                    let panel = assignments.first { $0.applicationID == sheet.applicationID && $0.userID == sheet.jurorID }?.panelID
                    if let panel, chaired.contains(panel) { result.append((sheet, names[sheet.jurorID] ?? "№\(sheet.jurorID)")) }
                }
            }
            return result
        }
    }
}

extension ScoreService {
    /// Other jurors' submitted marks on the same application and trial, unnamed, when the regulation
    /// shows them during the stage (`marks_visible: always`); otherwise nothing until the stage closes.
    public func othersMarks(_ origin: RequestOrigin, applicationID: Int64, trial: String) async throws -> [[String: Rational]] {
        try await database.transaction { connection in
            let opened = try await open(connection, origin, applicationID: applicationID, trial: trial)
            guard opened.rules.marksVisible == .always else { return [] }
            return try await SheetQueries.list(connection, contestID: opened.key.contestID, stage: opened.key.stage, logger: logger)
                .filter { $0.applicationID == applicationID && $0.trial == trial && $0.jurorID != opened.key.userID && $0.status == .submitted }
                .map(\.marks)
        }
    }
}
