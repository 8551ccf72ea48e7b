import Foundation
import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService
import NIOCore

/// `/api/v1/applications…`: coordinators' applications and the department's decisions.
struct ApplicationAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/applications", requires: .to(.viewApplications), use: listApplications)
        routes.get("/api/v1/applications/export", requires: .to(.exportApplications), use: exportApplications)
        routes.on("/api/v1/contests/{id}/applications/import", method: .post, requires: .to(.importApplications), use: importApplications)
        routes.on("/api/v1/applications", method: .post, requires: .to(.editApplications), use: createApplication)
        routes.get("/api/v1/applications/{id}", use: getApplication)
        routes.on("/api/v1/applications/{id}", method: .put, requires: .to(.editApplications), use: updateApplication)
        routes.get("/api/v1/applications/{id}/documents", use: listApplicationDocuments)
        routes.on("/api/v1/applications/{id}/documents", method: .post, use: attachDocument)
        routes.get("/api/v1/documents/{id}", use: downloadDocument)
        routes.on("/api/v1/documents/{id}", method: .delete, use: removeDocument)
        routes.on("/api/v1/applications/{id}/submit", method: .post, use: submitApplication)
        routes.on("/api/v1/applications/{id}/withdraw", method: .post, requires: .to(.editApplications), use: withdrawApplication)
        routes.on(
            "/api/v1/applications/{id}/decision", method: .post, requires: .to(.decideApplications, .unknownApplication), use: decideApplication)
    }

    struct MemberBody: Codable {
        let role: String
        let surname: String
        let name: String
        let patronymic: String?
        /// Asked of teachers only (the nomination's roles say who): absent for a pupil or a contact person.
        let birth_date: String?
        let position: String?
        let subject: String?
        let experience_start: String?
        let category: String?
        let contacts: String?
        let guardian: String?
        let name_published: Bool?

        init(_ member: KonkursCore.Application.Member) {
            role = member.role.rawValue
            surname = member.surname
            name = member.name
            patronymic = member.patronymic
            birth_date = member.birthDate.isEmpty ? nil : member.birthDate
            position = member.position.isEmpty ? nil : member.position
            subject = member.subject
            experience_start = member.experienceStart.isEmpty ? nil : member.experienceStart
            category = member.category
            contacts = member.contacts
            guardian = member.guardian
            name_published = member.namePublished
        }

        var member: KonkursCore.Application.Member {
            KonkursCore.Application.Member(
                role: .init(rawValue: role), surname: surname, name: name, patronymic: patronymic, birthDate: birth_date ?? "",
                position: position ?? "",
                subject: subject, experienceStart: experience_start ?? "", category: category, contacts: contacts, guardian: guardian,
                namePublished: name_published)
        }
    }

    /// Where the application goes, and its content in the same object.
    struct CreateBody: Decodable {
        let contest_id: Int64
        let nomination: String
        let organisation_id: Int64?
        let content: ContentBody

        enum CodingKeys: CodingKey { case contest_id, nomination, organisation_id }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            contest_id = try container.decode(Int64.self, forKey: .contest_id)
            nomination = try container.decode(String.self, forKey: .nomination)
            organisation_id = try container.decodeIfPresent(Int64.self, forKey: .organisation_id)
            content = try ContentBody(from: decoder)
        }
    }

    struct ContentBody: Decodable {
        let members: [MemberBody]
        let consent_processing: Bool
        let consent_publication: [String]?
        let self_nominated: Bool?
        let video_links: [String]?
        let entry_name: String?
        let fields: [String: String]?

        func content() throws -> KonkursCore.Application.Content {
            KonkursCore.Application.Content(
                members: members.map(\.member), consentProcessing: consent_processing, consentPublication: consent_publication,
                selfNominated: self_nominated ?? false, videoLinks: video_links ?? [], entryName: entry_name, fields: fields ?? [:])
        }
    }

    struct DocumentResponse: ResponseEncodable {
        let id: Int64
        let application_id: Int64
        let kind: String
        let file_name: String
        let content_type: String
        let size: Int
        let sha256: String
        let uploaded_at: Date

        init(_ document: ApplicationDocument) {
            id = document.id
            application_id = document.applicationID
            kind = document.kind
            file_name = document.fileName
            content_type = document.format.contentType
            size = document.size
            sha256 = document.sha256
            uploaded_at = document.uploadedAt
        }
    }

    struct WithdrawBody: Decodable {
        let reason: String
    }

    struct DecisionBody: Decodable {
        let decision: String
        let reason: String?
    }

    struct ApplicationResponse: ResponseEncodable {
        let id: Int64
        let contest_id: Int64
        let nomination: String
        let organisation_id: Int64
        /// How lists, the protocol and the diplomas name the entry: a person, a pair, a team, an organisation.
        let entry_title: String
        let entry_name: String?
        let fields: [String: String]
        let status: String
        let status_title: String
        let members: [MemberBody]
        let consent_processing: Bool
        let consent_publication: [String]?
        let self_nominated: Bool
        let video_links: [String]
        let reason: String?

        init(_ application: KonkursCore.Application) {
            id = application.id
            contest_id = application.contestID
            nomination = application.nomination
            organisation_id = application.organisationID
            entry_title = application.entryTitle
            entry_name = application.entryName
            fields = application.fields
            status = application.status.rawValue

            status_title = application.status.title
            members = application.members.map(MemberBody.init)
            consent_processing = application.consentProcessing
            consent_publication = application.consentPublication
            self_nominated = application.selfNominated
            video_links = application.videoLinks
            reason = application.reason
        }
    }

    /// The list's filters from the query string (`contest_id`, `nomination`, `status`, `organisation_id`).
    static func filter(_ request: Request) throws -> ApplicationFilter {
        let query = request.uri.queryParameters
        // A filter given twice is refused, not read by its first value: the caller meant something else.
        for name in ["contest_id", "nomination", "status", "organisation_id"] where query.getAll(name).count > 1 {
            throw InvalidInput([.init(field: name, message: "параметр указан несколько раз")])
        }
        func number(_ name: String) throws -> Int64? {
            guard let raw = query.get(name), !raw.isEmpty else { return nil }
            guard let value = Int64(raw) else { throw InvalidInput([.init(field: name, message: "ожидается целое число")]) }
            return value
        }
        var status: KonkursCore.Application.Status?
        if let raw = query.get("status"), !raw.isEmpty {
            guard let value = KonkursCore.Application.Status(rawValue: raw) else {
                let known = KonkursCore.Application.Status.allCases.map(\.rawValue).joined(separator: ", ")
                throw InvalidInput([.init(field: "status", message: "Состояние: \(known)")])
            }
            status = value
        }
        let nomination = query.get("nomination").flatMap { $0.isEmpty ? nil : $0 }
        if let nomination, nomination.count > 100 {
            throw InvalidInput([.init(field: "nomination", message: "номинация — не длиннее 100 символов")])
        }

        return ApplicationFilter(
            organisation: try number("organisation_id"), contest: try number("contest_id"), nomination: nomination, status: status)
    }

    /// An import file is larger than other bodies: 100,000 applications are about 15 MB.
    static let importLimit = 32 * 1024 * 1024

    /// Applications (a coordinator sees only their organisation's).
    @Sendable func listApplications(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        return try await services.applications.list(context.origin, filter: try Self.filter(request)).map(ApplicationResponse.init)
    }

    /// The application list as CSV or XLSX (the department; audited as an export of personal data).
    @Sendable func exportApplications(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let raw = request.uri.queryParameters.get("format") ?? "csv"
        guard let format = ApplicationService.ExportFormat(rawValue: raw) else {
            throw InvalidInput([.init(field: "format", message: "Формат: csv или xlsx")])
        }
        let export = try await services.applications.export(context.origin, filter: try Self.filter(request), format: format)
        return Download(fileName: export.fileName, contentType: export.contentType, body: ByteBuffer(bytes: export.bytes))
    }

    /// Applications collected outside Konkurs (CSV, a line per person, format in Docs/regulation-format.md) become drafts of their organisations; the whole file is checked first, then written in one transaction; the same file twice is refused (409).
    @Sendable func importApplications(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let csv = try await request.collectBody(within: Self.importLimit)
        let report = try await services.applications.importFile(
            context.origin, contestID: id, file: InputFile(name: "applications.csv", bytes: Array(csv.readableBytesView)))
        return EditedResponse(
            status: .created, response: ["import_id": Int(report.importID), "applications": report.applications, "members": report.members])
    }

    /// A draft application of the coordinator's organisation.
    @Sendable func createApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let created = try await services.applications.create(
            context.origin, contestID: body.contest_id, nomination: body.nomination, organisationID: body.organisation_id,
            content: try body.content.content())
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/applications/\(created.id)"], response: ApplicationResponse(created))
    }

    /// One application (404 also when it belongs to another organisation).
    @Sendable func getApplication(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        ApplicationResponse(try await services.applications.get(context.origin, id: try context.parameters.id("id")))
    }

    /// Replace what a draft (or an application returned for correction) says.
    @Sendable func updateApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(ContentBody.self, context: context)
        return ApplicationResponse(try await services.applications.update(context.origin, id: id, content: try body.content()))
    }

    /// The documents attached to an application.
    @Sendable func listApplicationDocuments(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        return try await services.applications.documents(context.origin, applicationID: id).map(DocumentResponse.init)
    }

    /// Attach a file (the body is the file itself). PDF, DOC, DOCX, JPG or PNG, recognised by content; 15 MB per file and 50 MB per application by default; a larger body is refused with 413 as soon as the limit is passed.
    @Sendable func attachDocument(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let query = request.uri.queryParameters
        guard let fileName = query.get("file_name"), let kind = query.get("kind") else {
            throw InvalidInput([.init(field: "file_name", message: "Укажите в адресе file_name (имя файла) и kind (вид документа)")])
        }
        let allowance = try await services.applications.uploadAllowance(context.origin, applicationID: id)
        let received = try await UploadReader.raw(request, fileName: fileName, maximumSize: allowance)
        let document = try await services.applications.attach(
            context.origin, applicationID: id, kind: kind, fileName: received.fileName, content: received.content)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/documents/\(document.id)"], response: DocumentResponse(document))
    }

    /// The file, always as an attachment (never shown inline).
    @Sendable func downloadDocument(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let (document, content) = try await services.applications.download(
            context.origin, documentID: try context.parameters.id("id"))
        return Download(fileName: document.fileName, contentType: document.format.contentType, body: content)
    }

    /// Remove a document while its application may still change.
    @Sendable func removeDocument(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try await services.applications.removeDocument(context.origin, documentID: try context.parameters.id("id"))
        return HTTPResponse.Status.noContent
    }

    /// Submit after every rule is checked (deadline, quota, consent, eligibility).
    @Sendable func submitApplication(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        ApplicationResponse(try await services.applications.submit(context.origin, id: try context.parameters.id("id")))
    }

    /// The organisation takes its application back, with a reason.
    @Sendable func withdrawApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(WithdrawBody.self, context: context)
        return ApplicationResponse(try await services.applications.withdraw(context.origin, id: id, reason: body.reason))
    }

    /// The department admits, returns for correction or refuses (a reason is required for the last two).
    @Sendable func decideApplication(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let id = try context.parameters.id("id")
        let body = try await request.decodeJSON(DecisionBody.self, context: context)
        guard let decision = ApplicationService.Decision(rawValue: body.decision) else {
            throw InvalidInput([.init(field: "decision", message: "Решение: admit, return или reject")])
        }
        return ApplicationResponse(try await services.applications.decide(context.origin, id: id, decision: decision, reason: body.reason))
    }
}
