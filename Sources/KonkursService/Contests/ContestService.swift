import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO
import ServiceLifecycle

/// Contest editions: created from a regulation, scheduled, moved through the lifecycle.
public struct ContestService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// Real regulations are a few kilobytes; this bounds what a mistaken upload can cost.
    public static let regulationLimit = 200_000

    /// Creates a draft edition from a regulation file; the file must pass `regulation check`.
    public func create(_ origin: RequestOrigin, regulation text: String, fileName: String, copiedFrom: Int64? = nil) async throws -> ContestEdition {
        _ = try origin.authorize(.manageContests, .registry)
        var checks = FieldChecks()
        _ = checks.paragraphs(text, "regulation", limit: Self.regulationLimit, title: "Файл положения")
        try checks.check()
        let regulation = try RegulationParser.parse(text, file: fileName)
        let digest = Secrets.sha256(Data(text.utf8))
        return try await database.transaction { connection in
            let id: Int64
            do {
                id = try await ContestQueries.insert(
                    connection, title: regulation.contest, edition: regulation.edition, timeZone: regulation.timeZone, regulation: text,
                    digest: digest,
                    logger: logger)
            } catch let error as PSQLError where error.sqlState == "23505" {
                throw ServiceError.conflict("конкурс «\(regulation.contest)», \(regulation.edition) уже создан")
            }
            try await audit.record(
                connection, origin: origin, action: "contest.create", target: "contest:\(id)",
                details: ["title": regulation.contest, "edition": regulation.edition, "regulation_sha256": digest].merging(
                    copiedFrom.map { ["copied_from": "contest:\($0)"] } ?? [:]
                ) { $1 })

            return try await ContestQueries.find(connection, id: id, logger: logger)!
        }
    }

    /// A new edition from an earlier one («Создать по образцу»): the same regulation under a new
    /// edition name, as a draft without dates.
    public func createEdition(_ origin: RequestOrigin, from id: Int64, edition: String) async throws -> ContestEdition {
        _ = try origin.authorize(.manageContests, .registry)
        let earlier = try await get(origin, id: id)
        let text = try RegulationEdition.renamed(earlier.regulationText, edition: edition).get()
        return try await create(origin, regulation: text, fileName: "regulation.yaml", copiedFrom: id)
    }

    public func list(_ origin: RequestOrigin) async throws -> [ContestEdition] {

        try origin.permit(.viewContests, .registry)
        let drafts = AccessPolicy.seesDraftContests(origin.actor)
        let logger = logger
        return try await database.read { try await ContestQueries.list($0, includeDrafts: drafts, logger: logger) }
    }

    public func get(_ origin: RequestOrigin, id: Int64) async throws -> ContestEdition {
        let logger = logger
        let found = try await database.read { try await ContestQueries.find($0, id: id, logger: logger) }
        // A draft hidden from the caller answers like a missing edition.
        try origin.permit(.viewContests, .contest(id: id, isPublic: found?.phase.isPublic ?? false))
        guard let found else { throw ServiceError.notFound }
        return found
    }

    /// Sets the application window ("2026-03-01 09:00" in the contest's zone; `opens` nil: the
    /// opening stays as it is) until applications close; see `ContestSchedule.change`.
    public func schedule(_ origin: RequestOrigin, id: Int64, opens: String?, closes: String, now: Date = Date()) async throws -> ContestEdition {
        _ = try origin.authorize(.manageContests, .contest(id: id, isPublic: false))
        return try await database.transaction { connection in
            guard var edition = try await ContestQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            guard ContestSchedule.windowEditable(edition.phase) else {
                throw ServiceError.conflict("сроки приёма заявок меняются, пока приём не закрыт; конкурс уже в состоянии «\(edition.phase.title)»")
            }
            var checks = FieldChecks()
            let open = opens.map { ContestSchedule.instant($0, timeZone: edition.timeZone) } ?? edition.applicationsOpenAt
            let close = ContestSchedule.instant(closes, timeZone: edition.timeZone)
            checks.require(open != nil, "applications_open_at", "Начало приёма заявок: ожидается «ГГГГ-ММ-ДД ЧЧ:ММ» (время \(edition.timeZone))")
            checks.require(close != nil, "applications_close_at", "Окончание приёма заявок: ожидается «ГГГГ-ММ-ДД ЧЧ:ММ» (время \(edition.timeZone))")
            if let open, let close {
                checks.require(close > open, "applications_close_at", "Окончание приёма должно быть позже начала")
                switch ContestSchedule.change(edition, open: open, close: close, now: now) {
                case .allowed:
                    break
                case .openingHasPassed:
                    checks.require(false, "applications_open_at", "Приём заявок уже открыт: начало не меняется, можно изменить только окончание")
                case .closingInThePast:
                    checks.require(false, "applications_close_at", "Окончание приёма должно быть позже текущего времени")
                }
            }
            try checks.check()
            try await ContestQueries.setSchedule(connection, id: id, open: open, close: close, logger: logger)
            var details = ["opens": opens ?? "(без изменений)", "closes": closes, "time_zone": edition.timeZone, "phase": edition.phase.rawValue]
            if let previous = edition.applicationsCloseAt { details["previous_closes"] = ContestSchedule.field(previous, timeZone: edition.timeZone) }
            try await audit.record(connection, origin: origin, action: "contest.schedule", target: "contest:\(id)", details: details)
            edition.applicationsOpenAt = open
            edition.applicationsCloseAt = close
            return edition
        }
    }

    /// Moves an edition to `target` if the lifecycle allows it; audited.
    public func transition(_ origin: RequestOrigin, id: Int64, to target: ContestPhase) async throws -> ContestEdition {
        _ = try origin.authorize(.manageContests, .contest(id: id, isPublic: false))
        return try await move(origin, id: id, to: target)
    }

    /// Opens and closes applications whose declared instant has come; returns how many moved.
    @discardableResult
    public func applySchedule(now: Date = Date()) async throws -> Int {
        let logger = logger
        let editions = try await database.read { try await ContestQueries.scheduled($0, logger: logger) }
        var moved = 0
        let clock = RequestOrigin(actor: Actor(userID: 0, login: "расписание", roles: [.admin], organisationID: nil))
        for edition in editions {
            guard let due = ContestSchedule.due(edition, now: now) else { continue }
            if try await move(clock, id: edition.id, to: due, dueAt: now).phase == due { moved += 1 }
        }
        return moved
    }

    /// `dueAt` is the clock's: it moves the edition only if, with the row locked, the move is still
    /// due then (the department may have moved the edition, or its window, meanwhile).
    private func move(_ origin: RequestOrigin, id: Int64, to target: ContestPhase, dueAt: Date? = nil) async throws -> ContestEdition {
        try await database.transaction { connection in
            guard var edition = try await ContestQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            if let dueAt, ContestSchedule.due(edition, now: dueAt) != target { return edition }
            let from = edition.phase
            edition.phase = try from.transition(to: target, chain: edition.chain)
            try await ResultGates.check(connection, edition, to: target, logger: logger)
            if target == .announced && (edition.applicationsOpenAt == nil || edition.applicationsCloseAt == nil) {
                throw ServiceError.conflict("перед объявлением задайте сроки приёма заявок")
            }
            if target == .stageActive || (from == .stageActive && target == .stageScored) {
                try await moveStage(connection, &edition, from: from, to: target)
            }
            try await ContestQueries.setPhase(connection, id: id, phase: target, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "contest.transition", target: "contest:\(id)",
                details: ["from": from.rawValue, "to": target.rawValue].merging(edition.currentStage.map { ["stage": $0] } ?? [:]) { $1 })
            if let counted = Self.entriesCounted(leaving: from, to: target) {
                let regulation = try RegulationParser.parse(edition.regulationText, file: "regulation.yaml")
                let entries = try await ApplicationQueries.countByNomination(connection, contestID: id, statuses: counted.statuses, logger: logger)
                edition.notHeld = NominationsHeld.notHeld(regulation, entries: entries, counted: counted.title)
                try await ContestQueries.setNotHeld(connection, id: id, notHeld: edition.notHeld, logger: logger)
                if !edition.notHeld.isEmpty {
                    try await audit.record(
                        connection, origin: origin, action: "contest.not_held", target: "contest:\(id)",
                        details: edition.notHeld)
                }
            }
            return edition
        }
    }
}

extension ContestService {
    /// Starting a stage names it (the first, then each next one); closing it needs every sheet owed
    /// in it submitted. The stage lock is taken exclusively (every mark's write holds it shared), so
    /// no submit slips in while the count is taken.
    func moveStage(_ connection: PostgresConnection, _ edition: inout ContestEdition, from: ContestPhase, to target: ContestPhase) async throws {
        let regulation = try RegulationParser.parse(edition.regulationText, file: "regulation.yaml")
        if target == .stageActive {
            let ids = regulation.stages.map(\.id)
            let next = edition.currentStage.flatMap { ids.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            guard next < ids.count else { throw ServiceError.conflict("все этапы положения уже проведены") }
            let members = try await JuryQueries.panels(connection, contestID: edition.id, logger: logger)
                .filter { $0.stage == nil || $0.stage == ids[next] }.flatMap(\.members).filter { $0.active && $0.role.scores }
            let problems = PanelRules.problems(
                in: regulation.stages[next], jury: regulation.jury, scorers: members.isEmpty ? nil : Set(members.map(\.userID)).count)

            guard problems.isEmpty else {
                throw ServiceError.conflict("жюри не сможет оценить этап так, как требует положение: " + problems.joined(separator: "; "))
            }

            edition.currentStage = ids[next]
            try await ContestQueries.setCurrentStage(connection, id: edition.id, stage: ids[next], logger: logger)
            return
        }
        guard let stageID = edition.currentStage, let stage = regulation.stage(stageID) else { return }
        try await SheetQueries.lockStage(connection, contestID: edition.id, logger: logger)
        let missing = try await SheetQueries.missing(
            connection, contestID: edition.id, stage: stageID, trials: stage.trials.map(\.id), logger: logger)
        guard missing.isEmpty else {
            throw ServiceError.conflict(
                "этап «\(stage.title)» нельзя закрыть: не сдано листов — \(missing.count) (заявки \(Set(missing.map(\.applicationID)).sorted().map { "№\($0)" }.joined(separator: ", ")))"
            )
        }
    }

    /// When the entries are counted against each nomination's minimum: the applications filed when
    /// applications close, and the admitted ones when admission review ends.
    static func entriesCounted(leaving from: ContestPhase, to target: ContestPhase) -> (statuses: [Application.Status], title: String)? {
        if target == .applicationsClosed { return ([.submitted, .admitted], "подано заявок") }
        if from == .admissionReview && target != .cancelled { return ([.admitted], "допущено заявок") }
        return nil
    }
}
