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
        let members: [Application.Member]
        let entryName: String?
        let fields: [String: String]
        let status: Application.Status
        let reason: String?
    }

    /// One row per application, read as an application import would read it, plus the demo's own
    /// columns (which edition, what became of it).
    static func rows() throws -> [Row] {
        let file = InputFile(name: "demo/applications.csv", bytes: try resource("demo/applications.csv"))
        return try ApplicationFileReader.read(file, extraColumns: ["contest", "status", "reason"]).map { entry in
            Row(
                contest: entry.extra["contest"] ?? "", nomination: entry.nomination, organisation: entry.organisation, members: entry.members,
                entryName: entry.entryName, fields: entry.fields,
                status: Application.Status(rawValue: entry.extra["status"] ?? "") ?? .draft,
                reason: entry.extra["reason"].flatMap { $0.isEmpty ? nil : $0 })
        }
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
                    members: row.members, consentProcessing: true, consentPublication: ["full_name", "organisation", "position"],
                    selfNominated: false,
                    videoLinks: nomination.video == .none ? [] : ["https://example.org/video/\(nomination.id)-\(organisation.id)"],
                    entryName: row.entryName, fields: row.fields))

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
