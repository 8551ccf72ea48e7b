import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// Protocols as documents: drawn up from the edition's data by the offline path, signed by the jury
/// (each in their account, or recorded from paper by the secretary), then immutable. A newer version
/// supersedes an older one only once it is signed; the older stays readable.
public struct ProtocolService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    /// A protocol with who signed it and who still has to.
    public struct Overview: Sendable {
        public let stored: StoredProtocol
        public let jury: [ProtocolDocument.Signatory]
        public let signatures: [ProtocolSignature]
        /// The appeals whose decision this version carries out.
        public let appeals: [String]
    }

    // MARK: Drawing up

    public func draw(_ origin: RequestOrigin, contestID: Int64, note: String?) async throws -> StoredProtocol {
        _ = try origin.authorize(.manageResults, .registry)
        var checks = FieldChecks()
        let note = note.map { checks.paragraphs($0, "note", limit: 2000, title: "Пояснение", required: false) }.flatMap { $0.isEmpty ? nil : $0 }
        try checks.check()
        return try await database.transaction { connection in
            let stored = try await draw(connection, origin: origin, contestID: contestID, note: note)
            try await audit.record(
                connection, origin: origin, action: "results.protocol", target: "contest:\(contestID)",
                details: ["version": "\(stored.version)", "sha256": stored.sha256, "stage": stored.stage])
            return stored
        }
    }

    /// Draws up the next version in the caller's transaction (also used by an appeal's decision).
    func draw(_ connection: PostgresConnection, origin: RequestOrigin, contestID: Int64, note: String?) async throws -> StoredProtocol {
        guard let contest = try await ContestQueries.find(connection, id: contestID, forUpdate: true, logger: logger) else {
            throw ServiceError.notFound
        }
        guard contest.phase.takesProtocols, let stage = contest.currentStage else {
            throw ServiceError.conflict("протокол составляется после того, как этап оценён (сейчас: «\(contest.phase.title)»)")
        }
        let files = try await ContestResults.inputs(connection, contestID: contestID, logger: logger)
        let parsed = try OfflineResults.read(files)
        let result = try parsed.compute()
        let final = stage == parsed.regulation.stages.last?.id
        // A stage protocol needs a decision only where the tie decides who goes on; the final one always does.
        let pending = result.nominations.flatMap { nomination in
            nomination.tieBreaks.filter { tie in
                guard tie.outcome == .pending else { return false }
                let outcomes = Set(nomination.entries.filter { tie.entries.contains($0.entry) }.map { $0.eliminatedAfter ?? "" })
                return final || outcomes.count > 1
            }.map { (nomination.title, $0) }
        }
        if let (title, tie) = pending.first {
            throw ServiceError.conflict(
                "в номинации «\(title)» равенство баллов (\(tie.entries.joined(separator: ", "))) требует решения (\(tie.rule)): запишите его в файл решений"
            )
        }
        let jury = try await Self.jury(connection, contestID: contestID, stage: stage, logger: logger)
        guard jury.contains(where: \.chair) else { throw ServiceError.conflict("у жюри нет председателя: протокол некому подписать") }
        let members = jury.count - 1
        let required = 1 + min(members, parsed.regulation.jury.signatures ?? (members / 2 + 1))
        let earlier = try await ProtocolQueries.list(connection, contestID: contestID, logger: logger)
        let version = (earlier.first?.version ?? 0) + 1
        // The version in force for this stage: signed if there is one, else the latest draft.
        let sameStage = earlier.filter { $0.stage == stage && $0.status != .superseded }
        let supersedes = (sameStage.first { $0.status == .signed } ?? sameStage.first)?.version
        let document = ProtocolDocument(
            version: version, stageTitle: parsed.regulation.stage(stage)?.title ?? stage, final: final,
            jury: jury, auditHead: try await ProtocolQueries.auditHead(connection, logger: logger), supersedes: supersedes, note: note,
            robustness: parsed.robustness(of: result), result: result, regulation: parsed.regulation)
        let snapshot = document.snapshot()
        let draft = ProtocolQueries.Draft(
            contestID: contestID, version: version, stage: stage, final: document.final,
            regulation: String(decoding: files.regulation.bytes, as: UTF8.self),
            scores: String(decoding: files.scores.bytes, as: UTF8.self), entries: String(decoding: (files.entries?.bytes ?? []), as: UTF8.self),
            decisions: files.decisions.map { String(decoding: $0.bytes, as: UTF8.self) }, snapshot: snapshot,
            sha256: Secrets.sha256(Data(snapshot.utf8)),
            signaturesRequired: required, supersedes: supersedes, note: note, createdBy: origin.actor?.login ?? "система")
        let id = try await ProtocolQueries.insert(connection, draft, logger: logger)
        try await ProtocolQueries.supersedeEarlier(connection, contestID: contestID, stage: stage, version: version, draftsOnly: true, logger: logger)
        return try await ProtocolQueries.find(connection, id: id, logger: logger)!
    }

    /// The jury that signs the stage's protocol: active chairs and members of the edition's panels for the stage.
    static func jury(_ connection: PostgresConnection, contestID: Int64, stage: String, logger: Logger) async throws -> [ProtocolDocument.Signatory] {
        try await signers(connection, contestID: contestID, stage: stage, logger: logger).map {
            ProtocolDocument.Signatory(name: $0.fullName, chair: $0.role == .chair)
        }
    }

    static func signers(_ connection: PostgresConnection, contestID: Int64, stage: String, logger: Logger) async throws -> [Panel.Member] {
        var seen = Set<Int64>()
        let members = try await JuryQueries.panels(connection, contestID: contestID, logger: logger)
            .filter { $0.stage == nil || $0.stage == stage }.flatMap(\.members).filter { $0.active && $0.role.scores }
            .sorted { ($0.role == .chair ? 0 : 1, $0.fullName) < ($1.role == .chair ? 0 : 1, $1.fullName) }
        return members.filter { seen.insert($0.userID).inserted }
    }

    // MARK: Signing

    /// The signed-in juror signs the protocol they read in their account.
    public func sign(_ origin: RequestOrigin, protocolID: Int64) async throws -> Overview {
        try await database.transaction { connection in
            let (stored, signers) = try await load(connection, protocolID: protocolID)
            let member = signers.first { $0.userID == origin.actor?.userID }
            let actor = try origin.authorize(.signProtocols, .resultProtocol(signer: member != nil))
            guard let member else { throw ServiceError.notFound }
            try await addSignature(connection, origin: origin, stored: stored, member: member, onPaper: false, recordedBy: actor.login)
            return try await overview(connection, stored.id)
        }
    }

    /// The secretary records a signature given on the printed protocol.
    public func signOnPaper(_ origin: RequestOrigin, protocolID: Int64, login: String) async throws -> Overview {
        let actor = try origin.authorize(.manageResults, .registry)
        return try await database.transaction { connection in
            let (stored, signers) = try await load(connection, protocolID: protocolID)
            guard let member = signers.first(where: { $0.login == login.trimmingSpaces.lowercased() }) else {
                throw InvalidInput([.init(field: "login", message: "«\(login)» не входит в жюри, подписывающее этот протокол")])
            }
            try await addSignature(connection, origin: origin, stored: stored, member: member, onPaper: true, recordedBy: actor.login)
            return try await overview(connection, stored.id)
        }
    }

    private func load(_ connection: PostgresConnection, protocolID: Int64) async throws -> (StoredProtocol, [Panel.Member]) {
        guard let stored = try await ProtocolQueries.find(connection, id: protocolID, forUpdate: true, logger: logger) else {
            throw ServiceError.notFound
        }
        return (stored, try await Self.signers(connection, contestID: stored.contestID, stage: stored.stage, logger: logger))
    }

    private func addSignature(
        _ connection: PostgresConnection, origin: RequestOrigin, stored: StoredProtocol, member: Panel.Member, onPaper: Bool, recordedBy: String
    ) async throws {
        guard stored.status == .draft else {
            throw ServiceError.conflict("протокол № \(stored.version) \(stored.status.title): подписывать нечего")
        }
        guard
            try await ProtocolQueries.sign(
                connection, protocolID: stored.id, userID: member.userID, chair: member.role == .chair, onPaper: onPaper, recordedBy: recordedBy,
                logger: logger)
        else {
            throw ServiceError.conflict("\(member.fullName) уже подписал(а) протокол № \(stored.version)")
        }
        try await audit.record(
            connection, origin: origin, action: "results.sign", target: "protocol:\(stored.id)",
            details: ["version": "\(stored.version)", "signer": member.login, "sha256": stored.sha256, "on_paper": "\(onPaper)"])
        let signatures = try await ProtocolQueries.signatures(connection, protocolID: stored.id, logger: logger)
        guard signatures.contains(where: \.chair), signatures.count >= stored.signaturesRequired else { return }
        try await ProtocolQueries.markSigned(connection, id: stored.id, logger: logger)
        try await ProtocolQueries.supersedeEarlier(
            connection, contestID: stored.contestID, stage: stored.stage, version: stored.version, draftsOnly: false, logger: logger)
        try await audit.record(
            connection, origin: origin, action: "results.protocol.signed", target: "protocol:\(stored.id)", details: ["version": "\(stored.version)"])
        if let contest = try await ContestQueries.find(connection, id: stored.contestID, logger: logger), contest.phase == .stageScored {
            try await ContestQueries.setPhase(connection, id: contest.id, phase: .protocolSigned, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "contest.transition", target: "contest:\(contest.id)",
                details: ["from": contest.phase.rawValue, "to": ContestPhase.protocolSigned.rawValue])
        }
    }

    // MARK: Reading

    public func list(_ origin: RequestOrigin, contestID: Int64) async throws -> [Overview] {
        _ = try origin.authorize(.viewResults, .registry)
        return try await database.read { connection in
            var overviews: [Overview] = []
            for stored in try await ProtocolQueries.list(connection, contestID: contestID, logger: logger) {
                overviews.append(try await overview(connection, stored.id))
            }
            return overviews
        }
    }

    /// Protocols waiting for the signed-in person's signature.
    public func toSign(_ origin: RequestOrigin) async throws -> [(contest: ContestEdition, overview: Overview)] {
        guard let actor = origin.actor else { throw ServiceError.unauthenticated }
        return try await database.read { connection in
            var waiting: [(ContestEdition, Overview)] = []
            for contest in try await ContestQueries.list(connection, includeDrafts: false, logger: logger) {
                for stored in try await ProtocolQueries.list(connection, contestID: contest.id, logger: logger) where stored.status == .draft {
                    let signers = try await Self.signers(connection, contestID: contest.id, stage: stored.stage, logger: logger)
                    guard signers.contains(where: { $0.userID == actor.userID }) else { continue }
                    waiting.append((contest, try await overview(connection, stored.id)))
                }
            }
            return waiting
        }
    }

    /// One protocol, for the department or for its own jury.
    public func get(_ origin: RequestOrigin, protocolID: Int64) async throws -> Overview {
        try await database.read { connection in
            guard let stored = try await ProtocolQueries.find(connection, id: protocolID, logger: logger) else { throw ServiceError.notFound }
            let signers = try await Self.signers(connection, contestID: stored.contestID, stage: stored.stage, logger: logger)
            _ = try origin.authorize(.viewResults, .resultProtocol(signer: signers.contains { $0.userID == origin.actor?.userID }))
            return try await overview(connection, stored.id)
        }
    }

    func overview(_ connection: PostgresConnection, _ id: Int64) async throws -> Overview {
        guard let stored = try await ProtocolQueries.find(connection, id: id, logger: logger) else { throw ServiceError.notFound }
        let appeals = try await PublicationQueries.appeals(connection, contestID: stored.contestID, logger: logger).filter {
            $0.protocolVersion == stored.version
        }
        return Overview(
            stored: stored, jury: try await Self.jury(connection, contestID: stored.contestID, stage: stored.stage, logger: logger),
            signatures: try await ProtocolQueries.signatures(connection, protocolID: id, logger: logger),
            appeals: appeals.map { "№ \($0.id) по заявке \($0.applicationID): \($0.status.title). \($0.decision ?? "")" })
    }

    public enum Rendering: String, Sendable, CaseIterable {
        case html, json, csv, xlsx, snapshot
    }

    /// The protocol rendered from its stored files; refused if they no longer give the signed snapshot.
    public func render(
        _ origin: RequestOrigin, protocolID: Int64, as rendering: Rendering, linkedStyle: Bool = false
    ) async throws -> (bytes: [UInt8], fileName: String) {
        let overview = try await get(origin, protocolID: protocolID)
        let stored = overview.stored
        let document = try Self.document(stored)
        guard document.snapshot() == stored.snapshot else {
            throw ServiceError.conflict("протокол № \(stored.version) не совпадает со своим снимком: данные изменены в обход системы")
        }
        let base = "protocol-\(stored.contestID)-v\(stored.version)"
        let renderer = ProtocolRenderer(document.result, regulation: document.regulation)
        switch rendering {
        case .html:
            let signatures = overview.signatures.map {
                ProtocolDocument.Signature(
                    name: $0.fullName, signedAt: LocalMoment.text($0.signedAt, timeZone: document.regulation.timeZone), onPaper: $0.onPaper)
            }
            return (
                Array(document.printHTML(sha256: stored.sha256, signatures: signatures, appeals: overview.appeals, linkedStyle: linkedStyle).utf8),
                base + ".html"
            )
        case .json: return (Array(renderer.render(.json).utf8), base + ".json")
        case .csv: return (Array(renderer.render(.csv).utf8), base + ".csv")
        case .xlsx: return (renderer.table().xlsx(), base + ".xlsx")
        case .snapshot: return (Array(stored.snapshot.utf8), base + ".snapshot.json")
        }
    }

    /// Rebuilds the document from the stored files and the snapshot's own record of the jury and the audit head.
    static func document(_ stored: StoredProtocol) throws -> ProtocolDocument {
        let files = OfflineResults.Files(
            regulation: InputFile(name: "regulation.yaml", bytes: Array(stored.regulation.utf8)),
            scores: InputFile(name: "scores.csv", bytes: Array(stored.scores.utf8)),
            entries: InputFile(name: "entries.csv", bytes: Array(stored.entries.utf8)),
            decisions: stored.decisions.map { InputFile(name: "decisions.yaml", bytes: Array($0.utf8)) })
        let parsed = try OfflineResults.read(files)
        let result = try parsed.compute()
        let header = (try? JSONSerialization.jsonObject(with: Data(stored.snapshot.utf8))) as? [String: Any] ?? [:]
        let jury = (header["jury"] as? [[String: String]] ?? []).map {
            ProtocolDocument.Signatory(name: $0["name"] ?? "", chair: $0["role"] == "chair")
        }
        return ProtocolDocument(
            version: stored.version, stageTitle: header["stage"] as? String ?? stored.stage, final: stored.final, jury: jury,
            auditHead: header["audit_head"] as? String ?? "", supersedes: stored.supersedes, note: stored.note,
            robustness: parsed.robustness(of: result),
            result: result, regulation: parsed.regulation)
    }
}
