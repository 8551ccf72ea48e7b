import Foundation
import KonkursCore
import KonkursStore

extension EventService {
    /// Whose certificates to print: all the actor may see, one presenter's application, or one attendee.
    public enum CertificateSelection: Sendable, Equatable {
        case all
        case application(Int64)
        case attendee(Int64)
    }

    /// The numbered certificates as one printable document; a coordinator gets only their
    /// organisation's. An attendee who was not marked present has none (refused, not left blank).
    public func certificates(_ origin: RequestOrigin, contestID: Int64, selection: CertificateSelection = .all, linkedStyle: Bool = false)
        async throws -> String
    {
        guard let actor = origin.actor else { throw ServiceError.unauthenticated }
        let everything = AccessPolicy.scope(of: actor, for: .viewApplications) == .all
        if !everything { _ = try origin.authorize(.viewApplications, .application(of: actor.organisationID)) }
        return try await database.read { connection in
            let (contest, regulation, event) = try await event(connection, contestID: contestID)
            guard contest.phase.isPublished else { throw ServiceError.conflict("сертификаты выдаются после приказа об утверждении итогов") }
            let numbers = try await EventQueries.certificateNumbers(connection, contestID: contestID, logger: logger)
            let approval = try await PublicationQueries.approval(connection, contestID: contestID, logger: logger)
            let organisations = Dictionary(
                uniqueKeysWithValues: try await OrganisationQueries.list(connection, logger: logger).map { ($0.id, $0.fullName) })
            let applications = Dictionary(
                uniqueKeysWithValues: try await ApplicationQueries.list(connection, .init(contest: contestID), logger: logger).map { ($0.id, $0) })
            let sessions = Dictionary(
                uniqueKeysWithValues: try await EventQueries.programme(connection, contestID: contestID, logger: logger).map { session in
                    let title = applications[session.applicationID].map { event.title(of: $0, in: regulation) } ?? ""
                    return (session.applicationID, EventCertificate.Session(title: title, day: session.day))
                })
            let number = { (value: Int) in DiplomaService.number(edition: contest.edition, value) }
            let order = (approval?.order ?? "", approval?.date ?? "")
            var printed: [Diploma] = []
            for application in applications.values.sorted(by: { $0.id < $1.id }) {
                guard selection == .all || selection == .application(application.id), let session = sessions[application.id],
                    everything || application.organisationID == actor.organisationID
                else { continue }
                let organisation = organisations[application.organisationID] ?? ""
                for (recipient, name) in application.diplomaRecipients(organisation: organisation).enumerated() {
                    guard let value = numbers["application:\(application.id):\(recipient)"] else { continue }
                    printed.append(
                        EventCertificate.make(
                            .presenter, number: number(value), name: name, organisation: organisation, session: session, contest: contest.title,
                            edition: contest.edition, order: order.0, orderDate: order.1))
                }
            }
            for attendee in try await EventQueries.attendees(connection, contestID: contestID, logger: logger) {
                guard selection == .all || selection == .attendee(attendee.id), everything || attendee.organisationID == actor.organisationID,
                    let session = sessions[attendee.applicationID]
                else { continue }
                guard let value = numbers["attendee:\(attendee.id)"] else {
                    if selection == .attendee(attendee.id) {
                        throw ServiceError.conflict("\(attendee.fullName) не отмечен(а) присутствовавшим(ей): сертификата участника нет")
                    }
                    continue
                }
                printed.append(
                    EventCertificate.make(
                        .attendee, number: number(value), name: attendee.fullName,
                        organisation: attendee.organisationID.flatMap { organisations[$0] } ?? "",
                        session: session, contest: contest.title, edition: contest.edition, order: order.0, orderDate: order.1))
            }
            guard !printed.isEmpty else { throw ServiceError.notFound }
            return Diploma.printHTML(printed.sorted { $0.number < $1.number }, title: "\(contest.title) — сертификаты", linkedStyle: linkedStyle)
        }
    }
}
