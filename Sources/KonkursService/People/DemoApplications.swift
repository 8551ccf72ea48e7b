import Foundation
import KonkursCore
import NIOCore

/// The demo's applications (`Database/demo/applications.csv`), filed through the same use cases
/// as real ones: drafts, submitted, admitted and refused, each with the documents its regulation asks for.
enum DemoApplications {
    struct Row {
        let contest: String
        let nomination: String
        let organisation: String
        var members: [Application.Member]
        let status: Application.Status
        let reason: String?
    }

    /// One row per application: the file's lines with the same `application` label are its members.
    static func rows() throws -> [Row] {
        let bytes = try resource("demo/applications.csv")
        var header: [String: Int] = [:]
        var rows: [Row] = []
        var labels: [String: Int] = [:]
        try CSVReader(bytes: bytes).forEachRecord { fields, _ in
            let text = fields.map { String(decoding: $0, as: UTF8.self) }
            guard !header.isEmpty else {
                header = Dictionary(uniqueKeysWithValues: text.enumerated().map { ($1, $0) })
                return
            }
            let value = { (name: String) in header[name].map { text[$0] } ?? "" }
            let optional = { (name: String) in value(name).isEmpty ? nil : value(name) }
            let member = Application.Member(
                role: Application.Member.Role(rawValue: value("role")) ?? .nominee, surname: value("surname"), name: value("name"),
                patronymic: optional("patronymic"), birthDate: value("birth_date"), position: value("position"), subject: optional("subject"),
                experienceStart: value("experience_start"), category: optional("category"), contacts: nil)
            if let index = labels[value("application")] {
                rows[index].members.append(member)
                return
            }
            labels[value("application")] = rows.count
            rows.append(Row(
                contest: value("contest"), nomination: value("nomination"), organisation: value("organisation"), members: [member],
                status: Application.Status(rawValue: value("status")) ?? .draft, reason: optional("reason")))
        }
        return rows
    }

    static func resource(_ path: String) throws -> [UInt8] {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(path), let data = FileManager.default.contents(atPath: url.path) else {
            throw ServiceError.conflict("демонстрационные данные не найдены рядом с программой (\(path))")
        }
        return [UInt8](data)
    }

    /// Files the rows of one contest while its applications are open (`now` inside the window); the
    /// decisions that need the window closed are returned for later.
    static func file(
        _ rows: [Row], contest: ContestEdition, services: KonkursServices, origin: RequestOrigin, now: Date
    ) async throws -> [(id: Int64, row: Row)] {
        let organisations = try await services.organisations.list(origin)
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        let pdf = ByteBuffer(bytes: try resource("demo/sample.pdf"))
        var filed: [(Int64, Row)] = []
        for row in rows {
            guard let nomination = regulation.nomination(row.nomination), let organisation = organisations.named(row.organisation) else { continue }
            let application = try await services.applications.create(
                origin, contestID: contest.id, nomination: nomination.id, organisationID: organisation.id,
                content: .init(
                    members: row.members, consentProcessing: true, consentPublication: ["full_name", "organisation", "position"], selfNominated: false,
                    videoLinks: nomination.video == .none ? [] : ["https://example.org/video/\(nomination.id)-\(organisation.id)"]))
            for document in nomination.documents where document.required {
                _ = try await services.applications.attach(
                    origin, applicationID: application.id, kind: document.id, fileName: "\(document.id).pdf", content: pdf)
            }
            if row.status != .draft {
                _ = try await services.applications.submit(origin, id: application.id, now: now)
                filed.append((application.id, row))
            }
        }
        return filed
    }

    /// The department's decisions on filed applications.
    static func decide(_ filed: [(id: Int64, row: Row)], services: KonkursServices, origin: RequestOrigin) async throws {
        for (id, row) in filed {
            switch row.status {
            case .admitted: _ = try await services.applications.decide(origin, id: id, decision: .admit, reason: nil)
            case .notAdmitted: _ = try await services.applications.decide(origin, id: id, decision: .reject, reason: row.reason)
            default: continue
            }
        }
    }
}
