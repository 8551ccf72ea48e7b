import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Participation events: the department builds the programme from admitted sessions, organisations
/// register their attendees (the department registers at the door and marks who came), and after the
/// department's approving order every presenter and every attendee who was present gets a numbered
/// participation certificate — no jury, protocol or signatures (`event.chain: approval`).
public struct EventService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// One session of the public programme, named as its presenters consented.
    public struct ProgrammeLine: Sendable, Equatable {
        public let session: ProgrammeSession
        public let title: String
        public let presenters: String
        public let organisation: String?
        public let nomination: String
    }

    /// The edition and its event rules, or why it is not an event.
    func event(_ connection: PostgresConnection, contestID: Int64, forUpdate: Bool = false) async throws -> (ContestEdition, Regulation, EventRules) {
        guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: forUpdate, logger: logger) else {
            throw ServiceError.notFound
        }
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        guard let event = regulation.event else { throw ServiceError.conflict("положение «\(contest.title)» не описывает мероприятие с программой") }
        return (contest, regulation, event)
    }

    /// The programme as the public sees it (an announced edition onwards).
    public func programme(_ origin: RequestOrigin, contestID: Int64) async throws -> [ProgrammeLine] {
        try await database.read { connection in
            let (contest, regulation, event) = try await event(connection, contestID: contestID)
            try origin.permit(.viewContests, .contest(id: contestID, isPublic: contest.phase.isPublic))
            let applications = Dictionary(
                uniqueKeysWithValues: try await ApplicationQueries.list(connection, .init(contest: contestID, status: .admitted), logger: logger).map
                {
                    ($0.id, $0)
                })
            return try await EventQueries.programme(connection, contestID: contestID, logger: logger).compactMap { session in
                guard let application = applications[session.applicationID] else { return nil }
                let consent = Set(application.consentPublication ?? [])
                let nomination = regulation.nomination(application.nomination)
                return ProgrammeLine(
                    session: session, title: event.title(of: application, in: regulation),
                    presenters: consent.contains("full_name") ? application.diplomaRecipients(organisation: "").joined(separator: ", ") : "ведущий",
                    organisation: consent.contains("organisation") ? application.organisationName : nil, nomination: nomination?.title ?? "")
            }
        }
    }

    /// Puts an admitted session into the programme (or moves it): its day, time and place.
    public func schedule(_ origin: RequestOrigin, applicationID: Int64, day: String, starts: String, place: String) async throws -> ProgrammeSession {
        _ = try origin.authorize(.decideApplications, .unknownApplication)
        var checks = FieldChecks()
        let date = CalendarDate(day)
        checks.require(date != nil, "day", "День: ГГГГ-ММ-ДД")
        let time = starts.trimmingSpaces
        checks.require(ProgrammeSession.isTime(time), "starts", "Время начала: ЧЧ:ММ, например 14:30")
        let place = checks.text(place, "place", limit: 300, title: "Место")
        try checks.check()
        return try await database.transaction { connection in
            guard let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger) else {
                throw ServiceError.notFound
            }
            let (contest, _, _) = try await event(connection, contestID: application.contestID)
            guard application.status == .admitted else {
                throw ServiceError.conflict("в программу включается допущенная заявка; эта — «\(application.status.title)»")
            }
            guard contest.phase.takesProgramme else { throw ServiceError.conflict("программа уже закрыта: «\(contest.phase.title)»") }
            let session = ProgrammeSession(applicationID: applicationID, day: date!, starts: time, place: place)
            try await EventQueries.setSession(connection, contestID: contest.id, session, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "programme.schedule", target: "application:\(applicationID)",
                details: ["day": session.day.description, "starts": time, "place": place])
            return session
        }
    }

    /// Whom to register: a person of an organisation (or nobody's, at the door).
    public struct AttendeeDraft: Sendable {
        public var surname: String
        public var name: String
        public var patronymic: String?
        public var position: String?
        public var consentProcessing: Bool

        public init(surname: String, name: String, patronymic: String?, position: String?, consentProcessing: Bool) {
            self.surname = surname
            self.name = name
            self.patronymic = patronymic
            self.position = position
            self.consentProcessing = consentProcessing
        }
    }

    /// Registers an attendee of a session: a coordinator for their own organisation, the department for
    /// any (at the door: marked present at once).
    public func register(
        _ origin: RequestOrigin, applicationID: Int64, organisationID requested: Int64?, attendee: AttendeeDraft, atTheDoor: Bool = false
    ) async throws -> Attendee {
        let actor = try origin.authorize(.editApplications, .registry)
        let department = AccessPolicy.decide(actor, .decideApplications, .unknownApplication) == .allow
        let organisationID = actor.organisationID ?? requested
        if let requested, requested != organisationID {
            throw InvalidInput([.init(field: "organisation_id", message: "Организация регистрирует только своих сотрудников")])
        }
        if atTheDoor && !department { throw ServiceError.forbidden }
        var checks = FieldChecks()
        let surname = checks.text(attendee.surname, "surname", limit: 100, title: "Фамилия")
        let name = checks.text(attendee.name, "name", limit: 100, title: "Имя")
        let optional = { (value: String?, field: String, title: String) -> String? in
            guard let value, !value.trimmingSpaces.isEmpty else { return nil }
            return checks.text(value, field, limit: field == "position" ? 300 : 100, title: title)
        }
        let patronymic = optional(attendee.patronymic, "patronymic", "Отчество")
        let position = optional(attendee.position, "position", "Должность")
        checks.require(
            attendee.consentProcessing, "consent_processing", "Без согласия на обработку персональных данных (152-ФЗ) участника не регистрируют")
        try checks.check()
        return try await database.transaction { connection in
            let programme = try await ApplicationQueries.find(connection, id: applicationID, logger: logger)
            guard let session = programme else { throw ServiceError.notFound }
            let (contest, _, _) = try await event(connection, contestID: session.contestID)
            guard
                try await EventQueries.programme(connection, contestID: contest.id, logger: logger).contains(where: {
                    $0.applicationID == applicationID
                })
            else { throw InvalidInput([.init(field: "application_id", message: "Этого мастер-класса нет в программе")]) }
            guard contest.phase.takesProgramme else { throw ServiceError.conflict("регистрация закрыта: «\(contest.phase.title)»") }
            let added = try await EventQueries.addAttendee(
                connection, contestID: contest.id, applicationID: applicationID, organisationID: organisationID, surname: surname, name: name,
                patronymic: patronymic, position: position, by: actor.login, present: atTheDoor, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "event.register", target: "attendee:\(added.id)",
                details: ["session": "application:\(applicationID)", "consent_processing": "yes", "at_the_door": atTheDoor ? "yes" : "no"])
            return added
        }
    }

    /// The attendees the actor may see: the department all, a coordinator their organisation's.
    public func attendees(_ origin: RequestOrigin, contestID: Int64) async throws -> [Attendee] {
        let actor = try origin.authorize(.viewApplications, .registry)
        let all = try await database.read { try await EventQueries.attendees($0, contestID: contestID, logger: logger) }
        switch AccessPolicy.scope(of: actor, for: .viewApplications) {
        case .all: return all
        case .organisation(let id): return all.filter { $0.organisationID == id }
        case .nothing: return []
        }
    }

    /// The department marks who came (or corrects a mark).
    public func markPresent(_ origin: RequestOrigin, attendeeID: Int64, present: Bool) async throws -> Attendee {
        let actor = try origin.authorize(.decideApplications, .unknownApplication)
        return try await database.transaction { connection in
            guard var attendee = try await EventQueries.findAttendee(connection, id: attendeeID, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            let (contest, _, _) = try await event(connection, contestID: attendee.contestID)
            guard contest.phase.takesProgramme else { throw ServiceError.conflict("отметки закрыты: «\(contest.phase.title)»") }
            try await EventQueries.markPresent(connection, id: attendeeID, present: present, by: actor.login, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "event.presence", target: "attendee:\(attendeeID)", details: ["present": present ? "yes" : "no"])
            attendee.present = present
            return attendee
        }
    }

    /// The department's approving order: the edition is approved and published, and every presenter
    /// of a session in the programme and every attendee marked present (as the regulation says) gets
    /// a numbered certificate. Returns how many were numbered.
    public func issueCertificates(_ origin: RequestOrigin, contestID: Int64, order: String, date: String) async throws -> Int {
        let actor = try origin.authorize(.manageResults, .registry)
        let (order, date) = try PublicationService.approvingOrder(order, date)
        return try await database.transaction { connection in

            let (contest, _, event) = try await event(connection, contestID: contestID, forUpdate: true)
            guard event.chain == .approval else {
                throw ServiceError.conflict("по положению итоги мероприятия подводит жюри: сертификаты выдаются после публикации итогов")
            }
            let approved = try contest.phase.transition(to: .approved, chain: event.chain)
            try await PublicationQueries.approve(
                connection, contestID: contestID, order: order, date: date, by: actor.login, logger: logger)
            for phase in [approved, try approved.transition(to: .published, chain: event.chain)] {
                try await ContestQueries.setPhase(connection, id: contestID, phase: phase, logger: logger)
                try await audit.record(
                    connection, origin: origin, action: "contest.transition", target: "contest:\(contestID)",
                    details: ["from": phase == .approved ? contest.phase.rawValue : ContestPhase.approved.rawValue, "to": phase.rawValue])
            }
            var issued = 0
            let programme = Set(try await EventQueries.programme(connection, contestID: contestID, logger: logger).map(\.applicationID))
            if event.certificates.contains(.presenters) {
                for application in try await ApplicationQueries.list(connection, .init(contest: contestID, status: .admitted), logger: logger)
                where programme.contains(application.id) {
                    for recipient in application.diplomaRecipients(organisation: "").indices {
                        try await EventQueries.issueCertificate(
                            connection, contestID: contestID, applicationID: application.id, recipient: recipient, attendeeID: nil, logger: logger)
                        issued += 1
                    }
                }
            }
            if event.certificates.contains(.attendees) {
                for attendee in try await EventQueries.attendees(connection, contestID: contestID, logger: logger) where attendee.present {
                    try await EventQueries.issueCertificate(
                        connection, contestID: contestID, applicationID: nil, recipient: 0, attendeeID: attendee.id, logger: logger)
                    issued += 1
                }
            }
            try await audit.record(
                connection, origin: origin, action: "certificates.issue", target: "contest:\(contestID)",
                details: ["order": order, "date": date, "certificates": "\(issued)"])
            return issued
        }
    }
}
