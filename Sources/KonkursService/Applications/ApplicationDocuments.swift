import Foundation
import KonkursCore
import KonkursStore
import NIOCore
import PostgresNIO

/// Documents attached to applications: checked by content, limited per file and per application,
/// stored in PostgreSQL with the application and readable only by those who may see it.
extension ApplicationService {
    public struct DocumentLimits: Sendable {
        public var perFile: Int
        public var perApplication: Int
        public var filesPerApplication: Int

        public init(perFile: Int = 15 * 1024 * 1024, perApplication: Int = 50 * 1024 * 1024, filesPerApplication: Int = 20) {
            self.perFile = perFile
            self.perApplication = perApplication
            self.filesPerApplication = filesPerApplication
        }
    }

    /// How many bytes the next file of this application may have; asked before a byte of it is read,
    /// so that strangers and full applications are refused without receiving the upload.
    public func uploadAllowance(_ origin: RequestOrigin, applicationID: Int64) async throws -> Int {
        try await database.transaction { connection in
            _ = try await editable(connection, origin, id: applicationID)
            return try await allowance(connection, applicationID: applicationID)
        }
    }

    func allowance(_ connection: PostgresConnection, applicationID: Int64) async throws -> Int {
        let used = try await DocumentQueries.totalSize(connection, applicationID: applicationID, logger: logger)
        guard used.count < documentLimits.filesPerApplication else {
            throw ServiceError.conflict("к заявке уже приложено \(used.count) файлов — это предел; удалите лишние")
        }
        let remaining = documentLimits.perApplication - used.bytes
        guard remaining > 0 else {
            throw ServiceError.conflict(
                "файлы заявки уже занимают \(DocumentUploadCheck.megabytes(documentLimits.perApplication)) — это предел; удалите лишние")
        }
        return min(documentLimits.perFile, remaining)
    }

    /// Stores a received file after checking it again under the application's lock.
    public func attach(_ origin: RequestOrigin, applicationID: Int64, kind: String, fileName: String, content: ByteBuffer) async throws
        -> ApplicationDocument
    {
        try await database.transaction { connection in
            let application = try await editable(connection, origin, id: applicationID)
            let contest = try await ContestQueries.find(connection, id: application.contestID, logger: logger)!
            let declared =
                try RegulationParser.parse(contest.regulationText, file: "regulation.yaml").nomination(application.nomination)?.documents ?? []
            guard kind == ApplicationDocument.otherKind || declared.contains(where: { $0.id == kind }) else {
                let known = declared.map { "\($0.id) («\($0.title)»)" } + [ApplicationDocument.otherKind]
                throw InvalidInput([
                    .init(field: "kind", message: "Вид документа «\(kind)» не предусмотрен положением; допустимы: \(known.joined(separator: ", "))")
                ])
            }
            var check = try DocumentUploadCheck(fileName: fileName, maximumSize: try await allowance(connection, applicationID: applicationID))
            try check.consume(content.readableBytesView)
            try check.finish()
            let document = try await DocumentQueries.insert(
                connection, applicationID: applicationID, kind: kind, fileName: check.fileName, format: check.format, content: content,
                sha256: Secrets.sha256(content.readableBytesView), logger: logger)
            try await audit.record(
                connection, origin: origin, action: "application.document.add", target: "application:\(applicationID)",
                details: ["document": "\(document.id)", "file": document.fileName, "size": "\(document.size)", "sha256": document.sha256])
            return document
        }
    }

    public func documents(_ origin: RequestOrigin, applicationID: Int64) async throws -> [ApplicationDocument] {
        let logger = logger
        return try await database.read { connection in
            try await requireDocumentsReadable(connection, origin, applicationID: applicationID)
            return try await DocumentQueries.list(connection, applicationID: applicationID, logger: logger)
        }
    }

    /// The document and its bytes, for whoever may read its application's documents (the same rule
    /// for the API, the coordinator's page and the juror's page).
    public func download(_ origin: RequestOrigin, documentID: Int64) async throws -> (ApplicationDocument, ByteBuffer) {
        let logger = logger
        return try await database.read { connection in
            let found = try await DocumentQueries.find(connection, id: documentID, logger: logger)
            try await requireDocumentsReadable(connection, origin, applicationID: found?.applicationID ?? -1)
            guard let found, let content = try await DocumentQueries.content(connection, id: documentID, logger: logger) else {
                throw ServiceError.notFound
            }
            return (found, content)
        }
    }

    /// An application's documents are read by those who see the application (the department, its
    /// organisation) and by the jurors assigned to it without a conflict; to anyone else a juror's
    /// unassigned application looks missing.
    func requireDocumentsReadable(_ connection: PostgresConnection, _ origin: RequestOrigin, applicationID: Int64) async throws {
        let application = try await ApplicationQueries.find(connection, id: applicationID, logger: logger)
        var asJuror = Resource.scoring(assigned: false, conflicted: false)
        if let actor = origin.actor, AccessPolicy.decide(actor, .enterScores, .registry) == .allow {
            asJuror = try await ScoreService.scoring(connection, actor: actor, applicationID: applicationID, logger: logger)
        }
        try RequestOrigin.enforce(
            AccessPolicy.decideDocuments(origin.actor, application: .application(of: application?.organisationID), asJuror: asJuror))
        guard application != nil else { throw ServiceError.notFound }
    }

    public func removeDocument(_ origin: RequestOrigin, documentID: Int64) async throws {
        try await database.transaction { connection in
            let found = try await DocumentQueries.find(connection, id: documentID, logger: logger)
            _ = try await editable(connection, origin, id: found?.applicationID ?? -1)
            guard let found else { throw ServiceError.notFound }
            try await DocumentQueries.delete(connection, id: documentID, logger: logger)
            try await audit.record(
                connection, origin: origin, action: "application.document.remove", target: "application:\(found.applicationID)",
                details: ["document": "\(found.id)", "file": found.fileName, "sha256": found.sha256])
        }
    }
}
