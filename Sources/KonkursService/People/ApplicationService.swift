import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Applications: coordinators fill in and submit; the department admits, returns or refuses.
public struct ApplicationService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// A draft for the coordinator's own organisation (an administrator names the organisation).
    public func create(
        _ origin: RequestOrigin, contestID: Int64, nomination: String, organisationID requested: Int64?, members: [Application.Member],
        consentProcessing: Bool, consentPublication: [String]
    ) async throws -> Application {
        let actor = try origin.authorize(.editApplications, .registry)
        guard let organisationID = actor.organisationID ?? (actor.roles.contains(.admin) ? requested : nil) else {
            throw InvalidInput([.init(field: "organisation_id", message: "Укажите организацию заявки")])
        }
        var checks = FieldChecks()
        checks.require(!members.isEmpty && members.count <= 50, "members", "В заявке от 1 до 50 участников")
        for (index, member) in members.enumerated() {
            _ = checks.text(member.surname, "members[\(index)].surname", limit: 100, title: "Фамилия")
            _ = checks.text(member.name, "members[\(index)].name", limit: 100, title: "Имя")
            _ = checks.text(member.position, "members[\(index)].position", limit: 300, title: "Должность")
            checks.require(CalendarDate(member.birthDate) != nil, "members[\(index)].birth_date", "Дата рождения: ГГГГ-ММ-ДД")
            checks.require(CalendarDate(member.experienceStart) != nil, "members[\(index)].experience_start", "Начало стажа: ГГГГ-ММ-ДД")
            for optional in [member.patronymic, member.subject, member.category, member.contacts].compactMap({ $0 }) {
                checks.require(optional.count <= 300 && !optional.unicodeScalars.contains { $0.value < 0x20 }, "members[\(index)]", "Поле длиннее 300 символов или с управляющими символами")
            }
        }
        checks.require(consentPublication.count <= 20 && consentPublication.allSatisfy { $0.count <= 50 }, "consent_publication", "Слишком длинный список полей")
        try checks.check()
        return try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger), contest.phase.isPublic else {
                throw ServiceError.notFound
            }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            guard regulation.nomination(nomination) != nil else {
                throw InvalidInput([.init(field: "nomination", message: "Номинации «\(nomination)» нет в положении конкурса")])
            }
            guard try await OrganisationQueries.find(connection, id: organisationID, logger: logger) != nil else { throw ServiceError.notFound }
            let id = try await ApplicationQueries.insert(
                connection, contestID: contestID, nomination: nomination, organisationID: organisationID, members: members,
                consentProcessing: consentProcessing, consentPublication: consentPublication, logger: logger)
            try await audit.record(connection, origin: origin, action: "application.create", target: "application:\(id)",
                details: ["contest": "\(contestID)", "nomination": nomination, "organisation": "\(organisationID)"])
            return try await ApplicationQueries.find(connection, id: id, logger: logger)!
        }
    }

    public func list(_ origin: RequestOrigin, contestID: Int64? = nil) async throws -> [Application] {
        let actor = try origin.authorize(.viewApplications, .registry)
        let logger = logger
        let organisation: Int64?
        switch AccessPolicy.scope(of: actor, for: .viewApplications) {
        case .all: organisation = nil
        case .organisation(let id): organisation = id
        case .nothing: return []
        }
        return try await database.client.withConnection {
            try await ApplicationQueries.list($0, organisation: organisation, contest: contestID, logger: logger)
        }
    }

    public func get(_ origin: RequestOrigin, id: Int64) async throws -> Application {
        let logger = logger
        let found = try await database.client.withConnection { try await ApplicationQueries.find($0, id: id, logger: logger) }
        _ = try origin.authorize(.viewApplications, .application(organisationID: found?.organisationID ?? -1))
        guard let found else { throw ServiceError.notFound }
        return found
    }

    /// Submits after checking every rule; the quota holds under concurrent submits.
    public func submit(_ origin: RequestOrigin, id: Int64, now: Date = Date()) async throws -> Application {
        try await database.transaction { connection in
            guard var application = try await ApplicationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                _ = try origin.authorize(.editApplications, .application(organisationID: -1))
                throw ServiceError.notFound
            }
            _ = try origin.authorize(.editApplications, .application(organisationID: application.organisationID))
            guard application.status == .draft || application.status == .returned else {
                throw ServiceError.conflict("заявку в состоянии «\(application.status.title)» подать нельзя")
            }
            let contest = try await ContestQueries.find(connection, id: application.contestID, forUpdate: false, logger: logger)!
            let used = try await ApplicationQueries.lockQuota(
                connection, contestID: application.contestID, nomination: application.nomination, organisationID: application.organisationID, logger: logger)
            let context = SubmissionRules.Context(
                regulation: try RegulationParser.parse(contest.regulationText, file: "regulation.yaml"), phase: contest.phase,
                closesAt: contest.applicationsCloseAt, now: now, today: Self.today(now, timeZone: contest.timeZone), quotaUsed: used)
            let problems = SubmissionRules.problems(application, context)
            guard problems.isEmpty else { throw InvalidInput(problems.map { .init(field: "application", message: $0) }) }
            try await ApplicationQueries.setStatus(connection, id: id, status: .submitted, reason: nil, logger: logger)
            try await audit.record(connection, origin: origin, action: "application.submit", target: "application:\(id)")
            application.status = .submitted
            return application
        }
    }

    /// The organisation takes its application back, saying why; it no longer counts against the quota.
    public func withdraw(_ origin: RequestOrigin, id: Int64, reason: String) async throws -> Application {
        try await database.transaction { connection in
            guard var application = try await ApplicationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                _ = try origin.authorize(.editApplications, .application(organisationID: -1))
                throw ServiceError.notFound
            }
            _ = try origin.authorize(.editApplications, .application(organisationID: application.organisationID))
            var checks = FieldChecks()
            let note = checks.text(reason, "reason", limit: 2000, title: "Причина отзыва")
            try checks.check()
            guard [.draft, .submitted, .returned].contains(application.status) else {
                throw ServiceError.conflict("заявку в состоянии «\(application.status.title)» отозвать нельзя")
            }
            try await ApplicationQueries.setStatus(connection, id: id, status: .withdrawn, reason: note, logger: logger)
            try await audit.record(connection, origin: origin, action: "application.withdraw", target: "application:\(id)", details: ["reason": note])
            application.status = .withdrawn
            application.reason = note
            return application
        }
    }

    public enum Decision: String, Sendable, CaseIterable {
        case admit, `return`, reject
    }

    /// The department's decision; returning or refusing needs a reason the organisation will see.
    public func decide(_ origin: RequestOrigin, id: Int64, decision: Decision, reason: String?) async throws -> Application {
        _ = try origin.authorize(.decideApplications, .application(organisationID: -1))
        let note = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if decision != .admit && (note ?? "").isEmpty {
            throw InvalidInput([.init(field: "reason", message: "Укажите причину: организация увидит её")])
        }
        return try await database.transaction { connection in
            guard var application = try await ApplicationQueries.find(connection, id: id, forUpdate: true, logger: logger) else { throw ServiceError.notFound }
            guard application.status == .submitted else {
                throw ServiceError.conflict("решение принимается по поданной заявке; эта — «\(application.status.title)»")
            }
            let status: Application.Status =
                switch decision {
                case .admit: .admitted
                case .return: .returned
                case .reject: .notAdmitted
                }
            try await ApplicationQueries.setStatus(connection, id: id, status: status, reason: note, logger: logger)
            try await audit.record(connection, origin: origin, action: "application.\(decision.rawValue)", target: "application:\(id)",
                details: ["reason": note ?? ""])
            application.status = status
            application.reason = note
            return application
        }
    }

    static func today(_ now: Date, timeZone: String) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
