import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Approval and publication: the department records the approving order; one person asks to publish
/// the signed final protocol and another confirms (four eyes). What the public sees is stored with the
/// publication and rebuilt only when someone withdraws their consent. Corrections are new versions.
public struct PublicationService: Sendable {
    let database: Database
    let cache = PublicResultsCache()
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// Records the order approving the results (number and date) and moves the edition to «итоги утверждены».
    /// Refused while the regulation's appeal window (counted from the signing) is open or an appeal waits.
    public func approve(_ origin: RequestOrigin, contestID: Int64, order: String, date: String, now: Date = Date()) async throws -> ContestEdition {
        let actor = try origin.authorize(.manageResults, .registry)
        let (order, date) = try Self.approvingOrder(order, date)
        return try await database.transaction { connection in
            guard var contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            guard contest.phase.takesApproval else {
                throw ServiceError.conflict("итоги утверждаются после подписания итогового протокола (сейчас: «\(contest.phase.title)»)")
            }
            _ = try await Self.finalProtocol(connection, contestID: contestID, logger: logger)
            try await AppealService.requireSettled(connection, contest: contest, now: now, logger: logger)
            try await PublicationQueries.approve(connection, contestID: contestID, order: order, date: date, by: actor.login, logger: logger)
            if contest.phase != .approved && contest.phase != .published {
                try await audit.record(
                    connection, origin: origin, action: "contest.transition", target: "contest:\(contestID)",
                    details: ["from": contest.phase.rawValue, "to": ContestPhase.approved.rawValue])
                contest.phase = .approved
                try await ContestQueries.setPhase(connection, id: contestID, phase: .approved, logger: logger)
            }
            try await audit.record(
                connection, origin: origin, action: "results.approve", target: "contest:\(contestID)", details: ["order": order, "date": date])
            return contest
        }
    }

    /// The approving order's number and date (ГГГГ-ММ-ДД) as checked, trimmed: of results or of an event.
    static func approvingOrder(_ order: String, _ date: String) throws(InvalidInput) -> (order: String, date: String) {
        var checks = FieldChecks()
        let order = checks.text(order, "order", limit: 100, title: "Номер приказа")
        checks.require(CalendarDate(date) != nil, "date", "Дата приказа: ГГГГ-ММ-ДД")
        try checks.check()
        return (order, date.trimmingSpaces)
    }

    /// The newest signed final protocol, or why there is none.

    static func finalProtocol(_ connection: PostgresConnection, contestID: Int64, logger: Logger) async throws -> StoredProtocol {
        let protocols = try await ProtocolQueries.list(connection, contestID: contestID, logger: logger)
        guard let signed = protocols.first(where: { $0.status == .signed }), signed.final else {
            throw ServiceError.conflict("нет подписанного итогового протокола")
        }
        if let newer = protocols.first, newer.version > signed.version, newer.status == .draft {
            throw ServiceError.conflict("протокол № \(newer.version) ещё не подписан: итоги публикуются после его подписания")
        }
        return signed
    }

    /// Asks to publish the newest signed final protocol; a correction of an earlier publication needs a note.
    public func request(_ origin: RequestOrigin, contestID: Int64, note: String?) async throws -> Publication {
        let actor = try origin.authorize(.manageResults, .registry)
        var checks = FieldChecks()
        let note = note.map { checks.paragraphs($0, "note", limit: 2000, title: "Пояснение", required: false) }.flatMap { $0.isEmpty ? nil : $0 }
        try checks.check()
        return try await database.transaction { connection in
            guard try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) != nil else {
                throw ServiceError.notFound
            }
            guard let approval = try await PublicationQueries.approval(connection, contestID: contestID, logger: logger) else {
                throw ServiceError.conflict("нет приказа об утверждении итогов: сначала внесите его номер и дату")
            }
            let stored = try await Self.finalProtocol(connection, contestID: contestID, logger: logger)
            let earlier = try await PublicationQueries.publications(connection, contestID: contestID, logger: logger)
            if earlier.contains(where: { $0.confirmedAt == nil }) { throw ServiceError.conflict("публикация уже ожидает подтверждения") }
            if let last = earlier.first {
                guard last.protocolID != stored.id else { throw ServiceError.conflict("эта версия протокола уже опубликована") }
                guard note != nil else { throw InvalidInput([.init(field: "note", message: "Исправление публикуется с пояснением, что изменилось")]) }
            }
            let view = try await Self.publicView(
                connection, stored: stored, version: (earlier.first?.version ?? 0) + 1, note: note, approval: approval, logger: logger)
            _ = try await PublicationQueries.request(
                connection, contestID: contestID, protocolID: stored.id, note: note, by: actor.login, json: view.json(), html: view.htmlFragment(),
                logger: logger)
            let publication = try await PublicationQueries.publications(connection, contestID: contestID, logger: logger)[0]
            try await audit.record(
                connection, origin: origin, action: "results.publish.request", target: "contest:\(contestID)",
                details: ["version": "\(publication.version)", "protocol": "\(stored.version)"])
            return publication
        }
    }

    /// The second person confirms; the edition becomes published and diplomas get their numbers.
    public func confirm(_ origin: RequestOrigin, contestID: Int64) async throws -> Publication {
        let actor = try origin.authorize(.publishResults, .registry)
        defer { cache.invalidate(contestID: contestID) }
        return try await database.transaction { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            guard
                let pending = try await PublicationQueries.publications(connection, contestID: contestID, logger: logger).first(where: {
                    $0.confirmedAt == nil
                })
            else { throw ServiceError.conflict("нет публикации, ожидающей подтверждения") }
            guard pending.requestedBy != actor.login else {
                throw ServiceError.conflict("публикацию подтверждает другой сотрудник (правило двух подписей): запросил(а) \(pending.requestedBy)")
            }
            try await PublicationQueries.confirm(connection, id: pending.id, by: actor.login, logger: logger)
            if contest.phase == .approved {
                try await ContestQueries.setPhase(connection, id: contestID, phase: .published, logger: logger)
                try await audit.record(
                    connection, origin: origin, action: "contest.transition", target: "contest:\(contestID)",
                    details: ["from": contest.phase.rawValue, "to": ContestPhase.published.rawValue])
            }
            if let stored = try await ProtocolQueries.find(connection, id: pending.protocolID, logger: logger) {
                let applications = Dictionary(
                    uniqueKeysWithValues: try await ApplicationQueries.list(connection, .init(contest: contestID), logger: logger).map { ($0.id, $0) }
                )
                for award in try DiplomaService.awards(try ProtocolService.document(stored).result) {
                    let recipients = applications[award.applicationID]?.diplomaRecipients(organisation: "").count ?? 1
                    try await PublicationQueries.issueDiploma(
                        connection, contestID: contestID, applicationID: award.applicationID, award: award.key, recipients: recipients, logger: logger
                    )
                }
            }
            try await audit.record(
                connection, origin: origin, action: "results.publish", target: "contest:\(contestID)", details: ["version": "\(pending.version)"])
            return try await PublicationQueries.publications(connection, contestID: contestID, logger: logger).first { $0.id == pending.id }!
        }
    }

    public func publications(_ origin: RequestOrigin, contestID: Int64) async throws -> [Publication] {
        _ = try origin.authorize(.viewResults, .registry)
        return try await database.read { try await PublicationQueries.publications($0, contestID: contestID, logger: logger) }
    }

    /// What the public sees: the newest confirmed publication, as stored (see `PublicResultsCache`).
    public func current(contestID: Int64) async throws -> Publication? {
        let (client, logger) = (database.client, logger)
        return try await cache.publication(contestID: contestID) {
            try await Database.withinLimit { try await PublicationQueries.current(client, contestID: contestID, logger: logger) }
        }
    }

    /// Withdraws an application's consent to publication: every publication of its edition is rebuilt
    /// without its people's fields in the same transaction.
    public func withdrawConsent(_ origin: RequestOrigin, applicationID: Int64) async throws {
        let contestID = try await database.transaction { connection in
            guard let application = try await ApplicationQueries.find(connection, id: applicationID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            let resource = Resource.application(organisationID: application.organisationID)
            if AccessPolicy.decide(origin.actor, .decideApplications, resource) != .allow { _ = try origin.authorize(.fileAppeals, resource) }
            try await ApplicationQueries.withdrawPublicationConsent(connection, id: applicationID, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "applications.consent_withdrawn", target: "application:\(applicationID)",
                details: ["was": (application.consentPublication ?? []).joined(separator: ",")])
            try await rebuildPublicViews(connection, contestID: application.contestID)
            return application.contestID
        }
        cache.invalidate(contestID: contestID)
    }

    func rebuildPublicViews(_ connection: PostgresConnection, contestID: Int64) async throws {
        let approval = try await PublicationQueries.approval(connection, contestID: contestID, logger: logger) ?? (order: "", date: "")
        for publication in try await PublicationQueries.publications(connection, contestID: contestID, logger: logger) {
            guard let stored = try await ProtocolQueries.find(connection, id: publication.protocolID, logger: logger) else { continue }
            let view = try await Self.publicView(
                connection, stored: stored, version: publication.version, note: publication.note, approval: approval, logger: logger)
            try await PublicationQueries.setPublicView(connection, id: publication.id, json: view.json(), html: view.htmlFragment(), logger: logger)
        }
    }

    static func publicView(
        _ connection: PostgresConnection, stored: StoredProtocol, version: Int, note: String?, approval: (order: String, date: String), logger: Logger
    ) async throws -> PublicResults {
        let document = try ProtocolService.document(stored)
        let organisations = Dictionary(
            uniqueKeysWithValues: try await OrganisationQueries.list(connection, logger: logger).map { ($0.id, $0.shortName) })
        var people: [String: PublicResults.Person] = [:]
        for application in try await ApplicationQueries.list(connection, .init(contest: stored.contestID), logger: logger) {
            let organisation = organisations[application.organisationID] ?? ""
            people["\(application.id)"] = PublicResults.Person(
                consent: application.consentPublication ?? [], fullName: application.entryTitle,
                organisation: organisation, position: application.members.first?.position ?? "", entry: Self.publicEntry(application, organisation))
        }
        return PublicResults(
            result: document.result, regulation: document.regulation, people: people, version: version, note: note,
            order: approval.order.isEmpty ? "" : "приказ № \(approval.order) от \(approval.date)")
    }
}

extension PublicationService {
    /// What names a team or an organisation's entry whatever the people decided: the team's name with
    /// the members who each allowed theirs; the organisation. nil: the entry is a person or a pair.
    static func publicEntry(_ application: Application, _ organisation: String) -> PublicResults.Entry? {
        if let team = application.entryName {
            return .init(name: team, members: application.members.filter { $0.namePublished == true }.map(\.fullName))
        }
        if application.isOrganisationEntry { return .init(name: organisation, members: [], isOrganisation: true) }

        return nil
    }

    /// The approving order as recorded, for the department's page.
    public func approval(_ origin: RequestOrigin, contestID: Int64) async throws -> (order: String, date: String)? {
        _ = try origin.authorize(.viewResults, .registry)
        return try await database.read { try await PublicationQueries.approval($0, contestID: contestID, logger: logger) }
    }
}
