import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Appeals: an organisation disputes its application's result within the regulation's window; a
/// commission outside the jury decides; a changed mark produces a new protocol version to sign.
public struct AppealService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// A mark the commission changes: whose sheet, which criterion, the new value.
    public struct Correction: Sendable, Equatable {
        public var juror: String
        public var trial: String
        public var criterion: String
        public var mark: String

        public init(juror: String, trial: String, criterion: String, mark: String) {
            self.juror = juror
            self.trial = trial
            self.criterion = criterion
            self.mark = mark
        }
    }

    public func file(_ origin: RequestOrigin, applicationID: Int64, text: String, now: Date = Date()) async throws -> Appeal {
        var checks = FieldChecks()
        let text = checks.paragraphs(text, "text", limit: 5000, title: "Текст апелляции")
        try checks.check()
        return try await database.transaction { connection in
            guard let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger) else {
                throw ServiceError.notFound
            }
            let actor = try origin.authorize(.fileAppeals, .application(organisationID: application.organisationID))
            guard application.status == .admitted else { throw ServiceError.conflict("апелляция подаётся только по допущенной заявке") }
            let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)!
            guard let (rules, moments) = try await Self.appealState(connection, contest: contest, logger: logger) else {
                throw ServiceError.conflict("положение конкурса не предусматривает апелляций")
            }
            if let refusal = rules.refusal(ofAppealAt: now, moments, published: contest.phase.isPublished, timeZone: contest.timeZone) {
                throw ServiceError.conflict(refusal)
            }
            let id = try await PublicationQueries.fileAppeal(
                connection, contestID: application.contestID, applicationID: applicationID, text: text, by: actor.login, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "appeals.file", target: "appeal:\(id)", details: ["application": "\(applicationID)"])
            return try await PublicationQueries.appeals(connection, contestID: application.contestID, logger: logger).first { $0.id == id }!
        }
    }

    /// The edition's appeal rules and the moments its window counts from (the first signing of a
    /// final protocol, the first publication); nil when the regulation declares no appeals.
    static func appealState(
        _ connection: PostgresConnection, contest: ContestEdition, logger: Logger
    ) async throws -> (rules: AppealRules, moments: AppealRules.Moments)? {
        guard let rules = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").result.appeals else { return nil }
        let signing = try await ProtocolQueries.list(connection, contestID: contest.id, logger: logger).filter(\.final).compactMap(\.signedAt).min()
        let publication = try await PublicationQueries.publications(connection, contestID: contest.id, logger: logger).compactMap(\.confirmedAt).min()
        return (rules, AppealRules.Moments(firstSigning: signing, firstPublication: publication))
    }

    /// Refuses to make the results final while an appeal can still come or waits for its decision.
    static func requireSettled(_ connection: PostgresConnection, contest: ContestEdition, now: Date = Date(), logger: Logger) async throws {
        if let (rules, moments) = try await appealState(connection, contest: contest, logger: logger),
            let refusal = rules.refusal(ofFinalResultsAt: now, moments, timeZone: contest.timeZone)
        {
            throw ServiceError.conflict(refusal)
        }
        if try await PublicationQueries.appeals(connection, contestID: contest.id, logger: logger).contains(where: { $0.status == .filed }) {
            throw ServiceError.conflict("есть нерассмотренные апелляции: сначала решение комиссии")
        }
    }

    public func list(_ origin: RequestOrigin, contestID: Int64) async throws -> [Appeal] {
        guard let actor = origin.actor else { throw ServiceError.unauthenticated }
        let wide = AccessPolicy.decide(actor, .viewResults, .registry) == .allow
        if !wide { _ = try origin.authorize(.fileAppeals, .application(of: actor.organisationID)) }
        return try await database.read {
            try await PublicationQueries.appeals($0, contestID: contestID, organisationID: wide ? nil : actor.organisationID, logger: logger)
        }
    }

    /// The commission's decision: rejected, or marks changed (up or down) and a new protocol drawn up.
    public func decide(_ origin: RequestOrigin, appealID: Int64, changed: Bool, decision: String, corrections: [Correction]) async throws -> Appeal {
        let actor = try origin.authorize(.decideAppeals, .registry)
        var checks = FieldChecks()
        let decision = checks.paragraphs(decision, "decision", limit: 5000, title: "Решение комиссии")
        checks.require(
            changed == !corrections.isEmpty, "corrections", changed ? "Укажите изменённые баллы" : "Отклонённая апелляция не меняет баллов")
        try checks.check()
        return try await database.transaction { connection in
            guard let appeal = try await PublicationQueries.appeals(connection, contestID: nil, logger: logger).first(where: { $0.id == appealID })
            else {
                throw ServiceError.notFound
            }
            guard appeal.status == .filed else { throw ServiceError.conflict("апелляция № \(appeal.id) уже рассмотрена: \(appeal.status.title)") }
            let jury = try await JuryQueries.panels(connection, contestID: appeal.contestID, logger: logger).flatMap(\.members).filter(\.active)
            if jury.contains(where: { $0.userID == actor.userID }) {
                throw ServiceError.conflict("член жюри этого конкурса не может рассматривать апелляцию: решение принимает комиссия вне жюри")
            }
            if actor.organisationID != nil && actor.organisationID == appeal.organisationID {
                throw ServiceError.conflict("сотрудник организации-заявителя не может рассматривать её апелляцию (конфликт интересов)")
            }
            var version: Int?
            if changed {
                try await correct(connection, origin: origin, appeal: appeal, corrections: corrections)
                let stored = try await ProtocolService(database: database).draw(
                    connection, origin: origin, contestID: appeal.contestID, note: "по апелляции № \(appeal.id): \(decision)")
                version = stored.version
            }
            guard
                try await PublicationQueries.decideAppeal(
                    connection, id: appealID, status: changed ? .changed : .rejected, decision: decision, by: actor.login, protocolVersion: version,
                    logger: logger)
            else { throw ServiceError.conflict("апелляция № \(appeal.id) уже рассмотрена") }
            try await audit.record(
                connection, origin: origin, action: "appeals.decide", target: "appeal:\(appealID)",
                details: ["outcome": changed ? "changed" : "rejected", "protocol_version": version.map(String.init) ?? ""])
            return try await PublicationQueries.appeals(connection, contestID: appeal.contestID, logger: logger).first { $0.id == appealID }!
        }
    }

    private func correct(_ connection: PostgresConnection, origin: RequestOrigin, appeal: Appeal, corrections: [Correction]) async throws {
        guard let contest = try await ContestQueries.find(connection, id: appeal.contestID, logger: logger) else { throw ServiceError.notFound }
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        for (index, correction) in corrections.enumerated() {
            let field = "corrections[\(index)]"
            guard let criterion = regulation.trials.first(where: { $0.id == correction.trial })?.criterion(correction.criterion) else {
                throw InvalidInput([.init(field: field, message: "Критерия «\(correction.trial).\(correction.criterion)» нет в положении")])
            }
            guard let mark = DecimalText.parse(correction.mark), criterion.accepts(mark), let text = DecimalText.exact(mark) else {
                throw InvalidInput([.init(field: field, message: "Балл «\(correction.mark)» вне шкалы критерия «\(criterion.title)»")])
            }
            guard let juror = try await UserQueries.find(connection, login: correction.juror.trimmingSpaces.lowercased(), logger: logger),
                let previous = try await SheetQueries.correct(
                    connection, applicationID: appeal.applicationID, userID: juror.id, trial: correction.trial, criterion: correction.criterion,
                    mark: text,
                    by: origin.actor?.login ?? "комиссия", logger: logger)
            else {
                throw InvalidInput([
                    .init(field: field, message: "У «\(correction.juror)» нет сданного листа по этой заявке в испытании «\(correction.trial)»")
                ])
            }
            try await audit.record(
                connection, origin: origin, action: "scores.appeal_change", target: "application:\(appeal.applicationID)",
                details: [
                    "appeal": "\(appeal.id)", "juror": juror.login, "trial": correction.trial, "criterion": correction.criterion, "from": previous,
                    "to": text,
                ])
        }
    }
}
