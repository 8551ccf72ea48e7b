import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Applications: coordinators fill in and submit; the department admits, returns or refuses.
public struct ApplicationService: Sendable {
    let database: Database
    let documentLimits: DocumentLimits
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database, documentLimits: DocumentLimits = .init()) {
        self.database = database
        self.documentLimits = documentLimits
    }

    /// A draft for the coordinator's own organisation (an administrator names the organisation).
    public func create(
        _ origin: RequestOrigin, contestID: Int64, nomination: String, organisationID requested: Int64?, content: Application.Content
    ) async throws -> Application {
        let actor = try origin.authorize(.editApplications, .registry)
        guard let organisationID = actor.organisationID ?? (actor.roles.contains(.admin) ? requested : nil) else {
            throw InvalidInput([.init(field: "organisation_id", message: "Укажите организацию заявки")])
        }
        if let requested, requested != organisationID {
            // An organisation nominates its own people (or itself); only the department names another.
            throw InvalidInput([.init(field: "organisation_id", message: "Организация подаёт заявки только от своего имени")])
        }
        return try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger), contest.phase.isPublic else {
                throw ServiceError.notFound
            }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            guard let declared = regulation.nomination(nomination) else {
                throw InvalidInput([.init(field: "nomination", message: "Номинации «\(nomination)» нет в положении конкурса")])
            }
            let content = try Self.checked(content, for: declared)
            guard try await OrganisationQueries.find(connection, id: organisationID, logger: logger) != nil else { throw ServiceError.notFound }
            let id = try await ApplicationQueries.insert(
                connection, contestID: contestID, nomination: nomination, organisationID: organisationID, content: content, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "application.create", target: "application:\(id)",
                details: ["contest": "\(contestID)", "nomination": nomination, "organisation": "\(organisationID)"].merging(Self.consents(content)) {
                    $1
                })
            return try await ApplicationQueries.find(connection, id: id, logger: logger)!
        }
    }

    /// Replaces what a draft (or an application returned for correction) says.
    public func update(_ origin: RequestOrigin, id: Int64, content: Application.Content) async throws -> Application {
        try await database.transaction { connection in
            var application = try await editable(connection, origin, id: id)
            let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)!
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            guard let declared = regulation.nomination(application.nomination) else {
                throw ServiceError.conflict("номинации заявки нет в положении")
            }
            let content = try Self.checked(content, for: declared)
            try await ApplicationQueries.update(connection, id: id, content: content, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "application.update", target: "application:\(id)", details: Self.consents(content))
            application.replace(content)
            return application
        }
    }

    /// The application locked for a change by its own organisation, while it may still change.
    func editable(_ connection: PostgresConnection, _ origin: RequestOrigin, id: Int64) async throws -> Application {
        guard let application = try await ApplicationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
            _ = try origin.authorize(.editApplications, .unknownApplication)
            throw ServiceError.notFound
        }
        _ = try origin.authorize(.editApplications, .application(organisationID: application.organisationID))
        guard application.isEditable else {
            throw ServiceError.conflict("заявку в состоянии «\(application.status.title)» изменить нельзя")
        }
        return application
    }

    /// The two consents as recorded: when and by whom is the audit entry itself (152-FZ asks that
    /// consent be provable).
    static func consents(_ content: Application.Content) -> [String: String] {
        var consents = [
            "consent_processing": content.consentProcessing ? "yes" : "no",
            "consent_publication": content.consentPublication.map { $0.isEmpty ? "none" : $0.joined(separator: ",") } ?? "undecided",
        ]
        let guardians = content.members.compactMap { member in member.guardian.map { "\(member.fullName): \($0)" } }
        if !guardians.isEmpty { consents["consent_by_guardian"] = guardians.joined(separator: "; ") }
        let listed = content.members.filter { $0.namePublished == true }.map(\.fullName)
        if !listed.isEmpty { consents["name_published"] = listed.joined(separator: "; ") }
        return consents
    }

    /// Field checks of an application's content against its nomination (roles it has, what each role
    /// is asked, the own fields' types); returns it with texts trimmed. What only a submitted
    /// application must have (a full roster, required fields) is `SubmissionRules`' business.
    static func checked(_ content: Application.Content, for nomination: Nomination) throws(InvalidInput) -> Application.Content {
        var checks = FieldChecks()
        var content = content
        let entry = nomination.entry
        checks.require(!content.members.isEmpty, "members", "В заявке нет ни одного человека")
        checks.require(
            content.members.count <= entry.size.upperBound, "members",
            "В заявке \(Plural.people(content.members.count)), положение допускает не больше \(Plural.people(entry.size.upperBound))")
        for (index, member) in content.members.enumerated() {
            let field = "members[\(index)]"
            let role = entry.role(member.role)
            checks.require(
                role != nil, "\(field).role",
                "Роли «\(member.role.rawValue)» в номинации нет; положение называет: \(entry.roles.map(\.title).joined(separator: ", "))")
            content.members[index].surname = checks.text(member.surname, "\(field).surname", limit: 100, title: "Фамилия")
            content.members[index].name = checks.text(member.name, "\(field).name", limit: 100, title: "Имя")
            if role?.asksPedagogicalData ?? true {
                content.members[index].position = checks.text(member.position, "\(field).position", limit: 300, title: "Должность")
                checks.require(CalendarDate(member.birthDate) != nil, "\(field).birth_date", "Дата рождения: ГГГГ-ММ-ДД")
                checks.require(CalendarDate(member.experienceStart) != nil, "\(field).experience_start", "Начало педагогического стажа: ГГГГ-ММ-ДД")
            } else {
                // Nobody but a teacher is asked for pedagogical data: what was typed anyway is not kept
                // (a date given must still be a date: a malformed one is a mistake worth saying).
                for (value, name, title) in [
                    (member.birthDate, "birth_date", "Дата рождения"), (member.experienceStart, "experience_start", "Начало стажа"),
                ] {
                    checks.require(value.trimmingSpaces.isEmpty || CalendarDate(value) != nil, "\(field).\(name)", "\(title): ГГГГ-ММ-ДД")
                }
                let position = member.position.trimmingSpaces
                content.members[index].position = position.isEmpty ? "" : checks.text(position, "\(field).position", limit: 300, title: "Должность")
                content.members[index].birthDate = ""
                content.members[index].experienceStart = ""
                content.members[index].category = nil
            }
            if !(role?.needsGuardian ?? false) { content.members[index].guardian = nil }
            let optional = [
                ("patronymic", "Отчество", \Application.Member.patronymic), ("subject", "Предмет", \.subject), ("category", "Категория", \.category),
                ("contacts", "Контакты", \.contacts), ("guardian", "Родитель (законный представитель)", \.guardian),
            ]
            for (name, title, path) in optional {
                guard let value = content.members[index][keyPath: path] else { continue }
                let trimmed = value.trimmingSpaces
                content.members[index][keyPath: path] = trimmed.isEmpty ? nil : checks.text(trimmed, "\(field).\(name)", limit: 300, title: title)
            }
            if entry.kind != .team { content.members[index].namePublished = nil }
        }
        if entry.kind == .team, let name = content.entryName?.trimmingSpaces, !name.isEmpty {
            content.entryName = checks.text(name, "entry_name", limit: 300, title: entry.nameTitle)
        } else {
            content.entryName = nil
        }
        content.fields = content.fields.mapValues(\.trimmingSpaces).filter { !$0.value.isEmpty }
        for problem in OwnField.problems(content.fields, declared: nomination.fields, submitting: false) {
            checks.require(false, problem.field, problem.message)
        }
        for (key, value) in content.fields
        where value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }) {
            checks.require(false, "fields.\(key)", "Недопустимые управляющие символы")
        }
        let known = Set(Application.publishableFields.map(\.code))
        checks.require(
            (content.consentPublication ?? []).allSatisfy(known.contains), "consent_publication",
            "К публикации можно разрешить только: \(known.sorted().joined(separator: ", "))")
        content.consentPublication = content.consentPublication.map { Array(Set($0)).sorted() }
        checks.require(content.videoLinks.count <= 5, "video_links", "Не более 5 ссылок на видео")
        content.videoLinks = content.videoLinks.map(\.trimmingSpaces).filter { !$0.isEmpty }
        for (index, link) in content.videoLinks.enumerated() {
            checks.require(
                WebLink.isValid(link), "video_links[\(index)]",
                "Ссылка на видео должна начинаться с https:// или http:// и быть не длиннее 500 символов")
        }
        if content.selfNominated && !nomination.selfNomination {
            checks.require(false, "self_nominated", "Положение не допускает самовыдвижение в номинации «\(nomination.title)»")
        }
        try checks.check()
        return content
    }

    /// Applications the actor may see, narrowed by the filter; a coordinator's are always their own.
    public func list(_ origin: RequestOrigin, filter: ApplicationFilter = .init()) async throws -> [Application] {
        let actor = try origin.authorize(.viewApplications, .registry)
        if let nomination = filter.nomination {
            var checks = FieldChecks()
            _ = checks.text(nomination, "nomination", limit: 100, title: "Номинация")
            try checks.check()
        }
        let logger = logger
        var filter = filter
        switch AccessPolicy.scope(of: actor, for: .viewApplications) {
        case .all: break
        case .organisation(let id):
            if let asked = filter.organisation, asked != id { return [] }
            filter.organisation = id
        case .nothing: return []
        }
        return try await database.read { [filter] in try await ApplicationQueries.list($0, filter, logger: logger) }
    }

    public func get(_ origin: RequestOrigin, id: Int64) async throws -> Application {
        let logger = logger
        let found = try await database.read { try await ApplicationQueries.find($0, id: id, logger: logger) }
        _ = try origin.authorize(.viewApplications, .application(of: found?.organisationID))
        guard let found else { throw ServiceError.notFound }
        return found
    }

    /// Submits after checking every rule; the quota holds under concurrent submits.
    public func submit(_ origin: RequestOrigin, id: Int64, now: Date = Date()) async throws -> Application {
        try await database.transaction { connection in
            var application = try await editable(connection, origin, id: id)
            let contest = try await ContestQueries.find(connection, id: application.contestID, forUpdate: false, logger: logger)!
            let organisation = try await OrganisationQueries.find(connection, id: application.organisationID, logger: logger)!
            let documents = try await DocumentQueries.list(connection, applicationID: id, logger: logger)
            let used = try await ApplicationQueries.lockQuota(
                connection, contestID: application.contestID, nomination: application.nomination, organisationID: application.organisationID,
                logger: logger)
            let context = SubmissionRules.Context(
                regulation: try RegulationParser.parse(contest.regulationText, file: "regulation.yaml"), phase: contest.phase,
                closesAt: contest.applicationsCloseAt, now: now, today: Self.today(now, timeZone: contest.timeZone), quotaUsed: used,
                organisationKind: organisation.kind, documentKinds: Set(documents.map(\.kind)))
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
                _ = try origin.authorize(.editApplications, .unknownApplication)
                throw ServiceError.notFound
            }
            _ = try origin.authorize(.editApplications, .application(organisationID: application.organisationID))
            var checks = FieldChecks()
            let note = checks.text(reason, "reason", limit: 2000, title: "Причина отзыва")
            try checks.check()
            guard application.status.isWithdrawable else {
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
    public func decide(_ origin: RequestOrigin, id: Int64, decision: Decision, reason: String?, now: Date = Date()) async throws -> Application {
        _ = try origin.authorize(.decideApplications, .unknownApplication)
        let trimmed = reason?.trimmingSpaces ?? ""
        if decision != .admit && trimmed.isEmpty {
            throw InvalidInput([.init(field: "reason", message: "Укажите причину: организация увидит её")])
        }
        var checks = FieldChecks()
        let note = trimmed.isEmpty ? nil : checks.text(trimmed, "reason", limit: 2000, title: "Причина")
        try checks.check()
        return try await database.transaction { connection in
            guard var application = try await ApplicationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            guard application.status == .submitted else {
                throw ServiceError.conflict("решение принимается по поданной заявке; эта — «\(application.status.title)»")
            }
            if decision == .return {
                let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)!
                guard contest.phase == .applicationsOpen, let closes = contest.applicationsCloseAt, now < closes else {
                    throw ServiceError.conflict(
                        "вернуть на доработку можно только до окончания приёма заявок; примите решение «допустить» или «не допускать»")
                }
            }
            let status: Application.Status =
                switch decision {
                case .admit: .admitted
                case .return: .returned
                case .reject: .notAdmitted
                }
            try await ApplicationQueries.setStatus(connection, id: id, status: status, reason: note, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "application.\(decision.rawValue)", target: "application:\(id)",
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
