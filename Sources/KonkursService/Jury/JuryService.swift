import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Panels, conflicts of interest and assignments: the department forms the jury, jurors declare
/// conflicts, Konkurs assigns applications so that nobody judges their own.
public struct JuryService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    public func createPanel(
        _ origin: RequestOrigin, contestID: Int64, title: String, stage: String?, nomination: String?, orderNumber: String, orderDate: String?
    ) async throws -> Panel {
        _ = try origin.authorize(.manageJury, .registry)
        var checks = FieldChecks()
        let title = checks.text(title, "title", limit: 300, title: "Название жюри")
        let order = checks.text(orderNumber, "order_number", limit: 100, title: "Номер приказа об утверждении жюри")
        let date = orderDate.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces }
        checks.require(date.map { CalendarDate($0) != nil } ?? true, "order_date", "Дата приказа: ГГГГ-ММ-ДД")
        try checks.check()
        return try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            if let stage, regulation.stage(stage) == nil {
                throw InvalidInput([.init(field: "stage", message: "Этапа «\(stage)» нет в положении")])
            }
            if let nomination, regulation.nomination(nomination) == nil {
                throw InvalidInput([.init(field: "nomination", message: "Номинации «\(nomination)» нет в положении")])
            }
            let id = try await JuryQueries.insertPanel(
                connection, contestID: contestID, title: title, stage: stage, nomination: nomination, orderNumber: order, orderDate: date,
                logger: logger)
            try await audit.record(
                connection, origin: origin, action: "jury.panel.create", target: "panel:\(id)",
                details: ["contest": "\(contestID)", "title": title, "order": order])
            return try await JuryQueries.panels(connection, contestID: contestID, logger: logger).first { $0.id == id }!
        }
    }

    public func panels(_ origin: RequestOrigin, contestID: Int64?) async throws -> [Panel] {
        _ = try origin.authorize(.viewScoring, .registry)
        let logger = logger
        return try await database.read { try await JuryQueries.panels($0, contestID: contestID, logger: logger) }
    }

    /// Adds a person to a panel (or changes their role); jurors need the juror or chair role.
    public func setMember(_ origin: RequestOrigin, panelID: Int64, login: String, role: Panel.Member.Role, organisationID: Int64?) async throws
        -> Panel
    {
        _ = try origin.authorize(.manageJury, .registry)
        return try await database.transaction { connection in
            guard let panel = try await JuryQueries.panels(connection, contestID: nil, logger: logger).first(where: { $0.id == panelID }) else {
                throw ServiceError.notFound
            }
            guard let user = try await UserQueries.find(connection, login: login.trimmingSpaces.lowercased(), logger: logger), user.active else {
                throw InvalidInput([.init(field: "login", message: "Учётной записи «\(login)» нет или она отключена")])
            }
            if role.scores && user.roles.isDisjoint(with: [.juror, .chair]) {
                throw InvalidInput([
                    .init(field: "login", message: "У «\(user.login)» нет роли члена жюри или председателя: добавьте её на странице пользователей")
                ])
            }
            if let organisationID, try await OrganisationQueries.find(connection, id: organisationID, logger: logger) == nil {
                throw InvalidInput([.init(field: "organisation_id", message: "Организации №\(organisationID) нет в реестре")])
            }
            if role == .chair, let chair = panel.members.first(where: { $0.role == .chair && $0.active && $0.userID != user.id }) {
                throw ServiceError.conflict("у жюри уже есть председатель — \(chair.fullName)")
            }
            try await JuryQueries.setMember(
                connection, panelID: panelID, userID: user.id, role: role, organisationID: organisationID ?? user.organisationID, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "jury.member.set", target: "panel:\(panelID)",
                details: ["user": user.login, "role": role.rawValue])
            return try await JuryQueries.panels(connection, contestID: panel.contestID, logger: logger).first { $0.id == panelID }!
        }
    }

    /// Takes a juror off a panel mid-stage: their sheets stop counting as owed; drafts stay for the record.
    public func removeMember(_ origin: RequestOrigin, panelID: Int64, userID: Int64) async throws {
        _ = try origin.authorize(.manageJury, .registry)
        try await database.transaction { connection in
            guard try await JuryQueries.deactivateMember(connection, panelID: panelID, userID: userID, logger: logger) else {
                throw ServiceError.notFound
            }
            try await audit.record(
                connection, origin: origin, action: "jury.member.remove", target: "panel:\(panelID)", details: ["user": "\(userID)"])
        }
    }

    /// Assigns the current stage's admitted applications: the automatic conflicts are recorded first,
    /// then every application gets the regulation's number of jurors. Returns what could not be filled.
    public func assign(_ origin: RequestOrigin, contestID: Int64) async throws -> JuryAssignment.Plan {
        _ = try origin.authorize(.manageJury, .registry)
        // After the first stage only the entries the regulation advances are scored again.
        let logger = logger
        guard let current = try await database.read({ try await ContestQueries.find($0, id: contestID, logger: logger) }) else {
            throw ServiceError.notFound
        }
        let declared = try RegulationParser.parse(current.regulationText, file: "regulation.yaml")
        let laterStage = (declared.stages.map(\.id).firstIndex(of: current.stage(in: declared)) ?? 0) > 0
        let advancing = laterStage ? try await ContestResults(database: database).advancing(origin, contestID: contestID) : nil
        return try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            let stage = contest.stage(in: regulation)
            let applications = try await ApplicationQueries.list(connection, .init(contest: contestID, status: .admitted), logger: logger)
                .filter { advancing?.contains($0.id) ?? true }
            let panels = try await JuryQueries.panels(connection, contestID: contestID, logger: logger)
            try await recordAutomaticConflicts(connection, applications: applications, panels: panels)
            let conflicts = try await JuryQueries.conflicts(connection, contestID: contestID, logger: logger)
            let blocked = Set(conflicts.map { JuryAssignment.Pair(application: $0.applicationID, juror: $0.userID) })
            var existing = Set(
                try await JuryQueries.assignments(connection, contestID: contestID, stage: stage, logger: logger)
                    .map { JuryAssignment.Pair(application: $0.applicationID, juror: $0.userID) })
            var total = JuryAssignment.Plan(added: [], shortages: [:])
            for panel in panels where panel.stage == nil || panel.stage == stage {
                let jurors = panel.members.filter { $0.active && $0.role.scores }.map(\.userID).sorted()
                let covered = applications.filter { panel.covers(stage: stage, nomination: $0.nomination) }.map(\.id)
                let plan = JuryAssignment.plan(
                    applications: covered, jurors: jurors, conflicts: blocked, existing: existing, perApplication: regulation.jury.perApplication)
                for pair in plan.added {
                    try await JuryQueries.assign(
                        connection, contestID: contestID, stage: stage, applicationID: pair.application, userID: pair.juror, panelID: panel.id,
                        by: origin.actor?.login ?? "", logger: logger)
                    existing.insert(pair)
                }
                total.added += plan.added
                total.shortages.merge(plan.shortages) { $0 + $1 }
            }
            try await audit.record(
                connection, origin: origin, action: "jury.assign", target: "contest:\(contestID)",
                details: ["stage": stage, "added": "\(total.added.count)", "short": "\(total.shortages.count)"])
            return total
        }
    }

    func recordAutomaticConflicts(_ connection: PostgresConnection, applications: [Application], panels: [Panel]) async throws {
        for member in panels.flatMap(\.members) where member.active && member.role.scores {
            let juror = ConflictCheck.Juror(userID: member.userID, fullName: member.fullName, organisationID: member.organisationID)
            for application in applications {
                guard let found = ConflictCheck.automatic(juror, application) else { continue }
                try await JuryQueries.insertConflict(
                    connection, userID: member.userID, applicationID: application.id, kind: found.kind, reason: found.reason, logger: logger)
            }
        }
    }

    /// The secretary adds or removes one assignment by hand (an additional juror where marks disagree).
    public func setAssignment(_ origin: RequestOrigin, contestID: Int64, applicationID: Int64, userID: Int64, assigned: Bool) async throws {
        _ = try origin.authorize(.manageJury, .registry)
        try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger),
                let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger), application.contestID == contestID
            else { throw ServiceError.notFound }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            let stage = contest.stage(in: regulation)
            if assigned {
                let panels = try await JuryQueries.panels(connection, contestID: contestID, logger: logger)
                guard
                    let panel = panels.first(where: { panel in
                        panel.covers(stage: stage, nomination: application.nomination)
                            && panel.members.contains { $0.userID == userID && $0.active && $0.role.scores }
                    })
                else {
                    throw InvalidInput([.init(field: "user_id", message: "Этот человек не состоит в жюри этой номинации и этапа")])
                }
                try await recordAutomaticConflicts(connection, applications: [application], panels: [panel])
                if try await JuryQueries.conflicts(connection, contestID: contestID, logger: logger).contains(where: {
                    $0.userID == userID && $0.applicationID == applicationID
                }) {
                    throw ServiceError.conflict("у этого члена жюри конфликт интересов с заявкой №\(applicationID)")
                }
                try await JuryQueries.assign(
                    connection, contestID: contestID, stage: stage, applicationID: applicationID, userID: userID, panelID: panel.id,
                    by: origin.actor?.login ?? "", logger: logger)
            } else {
                try await JuryQueries.unassign(
                    connection, contestID: contestID, stage: stage, applicationID: applicationID, userID: userID, logger: logger)
            }
            try await audit.record(
                connection, origin: origin, action: assigned ? "jury.assignment.add" : "jury.assignment.remove",
                target: "application:\(applicationID)", details: ["user": "\(userID)", "stage": stage])
        }
    }

    /// A juror declares a conflict with an application, with the reason; under `recusal: replace` the
    /// assignment passes to another juror of the panel.
    public func declareConflict(_ origin: RequestOrigin, applicationID: Int64, reason: String) async throws {
        let actor = try origin.authorize(.enterScores, .registry)
        var checks = FieldChecks()
        let reason = checks.text(reason, "reason", limit: 2000, title: "Причина конфликта интересов")
        try checks.check()
        try await database.transaction { connection in
            guard let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger),
                let contest = try await ContestQueries.find(connection, id: application.contestID, forUpdate: true, logger: logger)
            else { throw ServiceError.notFound }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            let stage = contest.stage(in: regulation)
            let mine = try await JuryQueries.assignments(connection, contestID: contest.id, stage: stage, userID: actor.userID, logger: logger)
            guard let assignment = mine.first(where: { $0.applicationID == applicationID }) else { throw ServiceError.notFound }
            try await JuryQueries.insertConflict(
                connection, userID: actor.userID, applicationID: applicationID, kind: .declared, reason: reason, logger: logger)
            try await JuryQueries.unassign(
                connection, contestID: contest.id, stage: stage, applicationID: applicationID, userID: actor.userID, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "jury.conflict.declare", target: "application:\(applicationID)",
                details: ["reason": reason])
            guard regulation.jury.recusal == .replace else { return }
            let panel = try await JuryQueries.panels(connection, contestID: contest.id, logger: logger).first { $0.id == assignment.panelID }
            let conflicts = try await JuryQueries.conflicts(connection, contestID: contest.id, logger: logger)
            let all = try await JuryQueries.assignments(connection, contestID: contest.id, stage: stage, logger: logger)
            let plan = JuryAssignment.plan(
                applications: [applicationID], jurors: (panel?.members ?? []).filter { $0.active && $0.role.scores }.map(\.userID).sorted(),
                conflicts: Set(conflicts.map { .init(application: $0.applicationID, juror: $0.userID) }),
                existing: Set(all.map { .init(application: $0.applicationID, juror: $0.userID) }),
                perApplication: regulation.jury.perApplication)
            for pair in plan.added {
                try await JuryQueries.assign(
                    connection, contestID: contest.id, stage: stage, applicationID: pair.application, userID: pair.juror, panelID: assignment.panelID,
                    by: "замена при самоотводе", logger: logger)
                try await audit.record(
                    connection, origin: origin, action: "jury.assignment.replace", target: "application:\(applicationID)",
                    details: ["user": "\(pair.juror)"])
            }
        }
    }

    /// "No conflict of interest" for the stage: required before the juror's first mark in it.
    public func confirmNoConflict(_ origin: RequestOrigin, contestID: Int64) async throws {
        let actor = try origin.authorize(.enterScores, .registry)
        try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            let stage = contest.stage(in: regulation)
            guard !(try await JuryQueries.assignments(connection, contestID: contestID, stage: stage, userID: actor.userID, logger: logger)).isEmpty
            else {
                throw ServiceError.notFound
            }
            try await JuryQueries.confirmNoConflict(connection, userID: actor.userID, contestID: contestID, stage: stage, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "jury.conflict.none", target: "contest:\(contestID)", details: ["stage": stage])
        }
    }
}
