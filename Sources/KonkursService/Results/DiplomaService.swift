import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Diplomas and certificates: numbered per edition when results are published, rendered from the
/// edition's template for each award type, one by one or all together for printing.
public struct DiplomaService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public static let awardKeys = ["winner", "second", "third", "laureate", "special", "participant"]

    public init(database: Database) {
        self.database = database
    }

    /// One award an entry receives: its place award, and each special prize.
    struct Award {
        let applicationID: Int64
        let key: String
        let title: String
        let entry: EntryResult
        let nomination: NominationResult
    }

    static func awards(_ result: ResultProtocol) throws -> [Award] {
        result.nominations.filter(\.held).flatMap { nomination in
            nomination.entries.filter { $0.status == .ok }.flatMap { entry -> [Award] in
                guard let id = Int64(entry.entry) else { return [] }
                let place =
                    entry.award.map {
                        [Award(applicationID: id, key: $0.rawValue, title: ProtocolRenderer.awardTitle($0), entry: entry, nomination: nomination)]
                    } ?? []
                return place + entry.specialPrizes.map { Award(applicationID: id, key: "special", title: $0, entry: entry, nomination: nomination) }
            }
        }
    }

    public func setTemplate(_ origin: RequestOrigin, contestID: Int64, award: String, text: String) async throws {
        _ = try origin.authorize(.manageResults, .registry)
        guard Self.awardKeys.contains(award) else {
            throw InvalidInput([.init(field: "award", message: "Вид награды: " + Self.awardKeys.joined(separator: ", "))])
        }
        var checks = FieldChecks()
        _ = checks.paragraphs(text, "text", limit: 5000, title: "Шаблон")
        try checks.check()
        let template: DiplomaTemplate
        do { template = try DiplomaTemplate(text) } catch { throw InvalidInput([.init(field: "text", message: error.message)]) }
        try await database.transaction { connection in
            guard try await ContestQueries.find(connection, id: contestID, logger: logger) != nil else { throw ServiceError.notFound }
            try await PublicationQueries.setTemplate(connection, contestID: contestID, award: award, text: template.text, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "diplomas.template", target: "contest:\(contestID)",
                details: ["award": award, "sha256": Secrets.sha256(Data(template.text.utf8))])
        }
    }

    public func templates(_ origin: RequestOrigin, contestID: Int64) async throws -> [String: String] {
        _ = try origin.authorize(.viewResults, .registry)
        let stored = try await database.read { try await PublicationQueries.templates($0, contestID: contestID, logger: logger) }
        return Dictionary(uniqueKeysWithValues: Self.awardKeys.map { ($0, stored[$0] ?? DiplomaTemplate.standard(for: $0)) })
    }

    /// The edition's diplomas (of the last publication) as one printable document; a coordinator gets
    /// only their organisation's, and `applicationID` narrows to one entry's.
    public func render(_ origin: RequestOrigin, contestID: Int64, applicationID: Int64? = nil, linkedStyle: Bool = false) async throws -> String {
        guard let actor = origin.actor else { throw ServiceError.unauthenticated }
        let everything = AccessPolicy.decide(actor, .viewResults, .registry) == .allow
        if !everything { _ = try origin.authorize(.viewApplications, .application(of: actor.organisationID)) }
        return try await database.read { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger) else { throw ServiceError.notFound }
            guard let publication = try await PublicationQueries.current(database.client, contestID: contestID, logger: logger),
                let stored = try await ProtocolQueries.find(connection, id: publication.protocolID, logger: logger)
            else { throw ServiceError.conflict("итоги ещё не опубликованы: дипломов нет") }
            let result = try ProtocolService.document(stored).result
            let numbers = try await PublicationQueries.diplomaNumbers(connection, contestID: contestID, logger: logger)
            let templates = try await PublicationQueries.templates(connection, contestID: contestID, logger: logger)
            let approval = try await PublicationQueries.approval(connection, contestID: contestID, logger: logger)
            let organisations = Dictionary(
                uniqueKeysWithValues: try await OrganisationQueries.list(connection, logger: logger).map { ($0.id, $0.fullName) })
            let applications = Dictionary(
                uniqueKeysWithValues: try await ApplicationQueries.list(connection, .init(contest: contestID), logger: logger).map { ($0.id, $0) })
            var diplomas: [Diploma] = []
            for award in try Self.awards(result) {
                guard applicationID == nil || applicationID == award.applicationID, let application = applications[award.applicationID],
                    everything || application.organisationID == actor.organisationID
                else { continue }
                let organisation = organisations[application.organisationID] ?? ""
                let template = try DiplomaTemplate(templates[award.key] ?? DiplomaTemplate.standard(for: award.key))
                for (recipient, name) in application.diplomaRecipients(organisation: organisation).enumerated() {
                    guard let number = numbers["\(award.applicationID):\(award.key):\(recipient)"] else { continue }
                    let lines = template.lines([
                        "number": Self.number(edition: contest.edition, number), "name": name, "organisation": organisation,
                        "award": award.title, "place": award.entry.place.map(String.init) ?? "", "nomination": award.nomination.title,
                        "contest": contest.title, "edition": contest.edition, "order": approval?.order ?? "", "order_date": approval?.date ?? "",
                    ])
                    diplomas.append(Diploma(number: Self.number(edition: contest.edition, number), lines: lines))
                }
            }

            guard !diplomas.isEmpty else { throw ServiceError.notFound }
            return Diploma.printHTML(diplomas.sorted { $0.number < $1.number }, title: "\(contest.title) — дипломы", linkedStyle: linkedStyle)
        }
    }

    static func number(edition: String, _ number: Int) -> String {
        "\(edition)-" + String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number)
    }
}
