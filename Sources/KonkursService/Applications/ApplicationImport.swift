import Crypto
import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

extension ApplicationService {
    public struct ImportReport: Sendable, Equatable {
        public let importID: Int64
        public let applications: Int
        public let members: Int
    }

    /// Drafts per statement: large enough that round trips do not dominate, small enough that the
    /// progress moves and the arrays stay modest.
    static let importChunk = 2_000

    /// Applications collected outside Konkurs (paper, e-mail), imported by the department as drafts
    /// of their organisations, which then attach documents and submit them as usual. The whole file
    /// is checked first (every problem with its line); then everything is written in one
    /// transaction, or nothing. The same file again is refused: a retry never doubles the drafts.
    public func importFile(
        _ origin: RequestOrigin, contestID: Int64, file: InputFile, progress: @escaping @Sendable (_ written: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> ImportReport {
        let actor = try origin.authorize(.importApplications, .registry)
        let entries = try ApplicationFileReader.read(file)
        let sha256 = SHA256.hash(data: file.bytes).hexString
        let fileName = (file.name as NSString).lastPathComponent
        let logger = logger
        return try await database.transaction(limit: .seconds(600)) { connection in
            guard let contest = try await ContestQueries.find(connection, id: contestID, logger: logger), contest.phase.isPublic else {
                throw ServiceError.notFound
            }
            guard contest.phase.takesDrafts else {
                throw ServiceError.conflict("загружать заявки можно, пока конкурс объявлен или идёт приём заявок; сейчас — «\(contest.phase.title)»")
            }
            let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
            let drafts = try Self.drafts(
                entries, file: file.name, regulation: regulation, organisations: try await OrganisationQueries.list(connection, logger: logger))
            guard
                let importID = try await ApplicationImportQueries.begin(
                    connection, contestID: contestID, sha256: sha256, fileName: fileName, applications: drafts.count, importedBy: actor.login,
                    logger: logger)
            else {
                let earlier = try await ApplicationImportQueries.earlier(connection, contestID: contestID, sha256: sha256, logger: logger)
                throw ServiceError.conflict(
                    "этот файл уже загружен в конкурс (загрузка № \(earlier?.id ?? 0), \(earlier?.by ?? "")); повторная загрузка удвоила бы заявки")
            }
            var written = 0
            for start in stride(from: 0, to: drafts.count, by: Self.importChunk) {
                let chunk = Array(drafts[start..<min(start + Self.importChunk, drafts.count)])
                let ids = try await ApplicationImportQueries.insert(connection, contestID: contestID, chunk, logger: logger)
                let details = chunk.map { draft in
                    AuditTrail.json(
                        [
                            "contest": "\(contestID)", "nomination": draft.nomination, "organisation": "\(draft.organisationID)",
                            "import": "\(importID)",
                        ]
                        .merging(Self.consents(draft.content)) { $1 })
                }
                try await AuditQueries.append(
                    connection, actorID: actor.userID, actorLogin: actor.login, action: "application.create", requestID: origin.requestID,
                    targets: ids.map { "application:\($0)" }, details: details, logger: logger)
                written += chunk.count
                progress(written, drafts.count)
            }
            try await audit.record(
                connection, origin: origin, action: "application.import", target: "contest:\(contestID)",
                details: ["import": "\(importID)", "file": fileName, "sha256": sha256, "applications": "\(drafts.count)"])
            return ImportReport(importID: importID, applications: drafts.count, members: drafts.reduce(0) { $0 + $1.content.members.count })
        }
    }

    /// The file's applications as drafts, or every problem found with the line it is on.
    static func drafts(
        _ entries: [ApplicationFileReader.Entry], file: String, regulation: Regulation, organisations: [Organisation]
    ) throws -> [ApplicationImportQueries.Draft] {
        var problems: [InputProblem] = []
        var drafts: [ApplicationImportQueries.Draft] = []
        drafts.reserveCapacity(entries.count)
        let byReference = Dictionary(organisations.flatMap { [("\($0.id)", $0), ($0.shortName, $0)] }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            let line = entry.lines[0]
            guard let nomination = regulation.nomination(entry.nomination) else {
                problems.append(
                    .init(
                        file: file, line: line,
                        message: "номинации «\(entry.nomination)» нет в положении (\(regulation.nominations.map(\.id).joined(separator: ", ")))"))
                continue
            }
            guard let organisation = byReference[entry.organisation] else {
                problems.append(
                    .init(file: file, line: line, message: "организации «\(entry.organisation)» нет в реестре (номер или краткое название)"))
                continue
            }
            guard organisation.active else {
                problems.append(.init(file: file, line: line, message: "организация «\(organisation.shortName)» выведена из реестра"))
                continue
            }
            var members = entry.members
            for index in members.indices where members[index].role.rawValue.isEmpty { members[index].role = nomination.entry.roles[0].id }
            let content = Application.Content(
                members: members, consentProcessing: entry.consentProcessing, consentPublication: entry.consentPublication,
                selfNominated: false, videoLinks: [], entryName: entry.entryName, fields: entry.fields)
            do {
                drafts.append(.init(nomination: entry.nomination, organisationID: organisation.id, content: try checked(content, for: nomination)))
            } catch {

                problems += error.problems.map { .init(file: file, line: Self.line(of: $0.field, in: entry), message: $0.message) }
            }
        }
        guard problems.isEmpty else { throw InputError(problems: Array(problems.prefix(InputError.listLimit)), total: problems.count) }
        return drafts
    }

    /// The line a field problem belongs to: `members[2].surname` is the entry's third line.
    static func line(of field: String, in entry: ApplicationFileReader.Entry) -> Int {
        guard field.hasPrefix("members["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 8)..<close]), entry.lines.indices.contains(index)
        else { return entry.lines[0] }
        return entry.lines[index]
    }
}
