import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// The application list as a spreadsheet for the department (CSV or XLSX); exporting personal data
/// is audited.
extension ApplicationService {
    public enum ExportFormat: String, Sendable, CaseIterable {
        case csv, xlsx

        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    public struct Export: Sendable {
        public let fileName: String
        public let contentType: String
        public let bytes: [UInt8]
    }

    public func export(_ origin: RequestOrigin, filter: ApplicationFilter, format: ExportFormat) async throws -> Export {
        let actor = try origin.authorize(.exportApplications, .registry)
        let applications = try await list(origin, filter: filter)
        let logger = logger
        let (contests, organisations) = try await database.read { connection in
            (
                try await ContestQueries.list(connection, includeDrafts: true, logger: logger),
                try await OrganisationQueries.list(connection, logger: logger)
            )
        }
        let table = Self.table(
            applications, contests: Dictionary(uniqueKeysWithValues: contests.map { ($0.id, $0) }),
            organisations: Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.shortName) }))
        try await database.transaction { connection in
            try await audit.record(
                connection, origin: origin, action: "application.export", target: "applications",
                details: ["format": format.rawValue, "rows": "\(applications.count)", "by": actor.login])
        }
        let bytes = format == .csv ? Array(table.csv().utf8) : table.xlsx(sheetName: "Заявки")
        return Export(fileName: "applications.\(format.rawValue)", contentType: format.contentType, bytes: bytes)
    }

    static func table(_ applications: [Application], contests: [Int64: ContestEdition], organisations: [Int64: String]) -> Table {
        let regulations = contests.compactMapValues { try? RegulationParser.parse($0.regulationText, file: "regulation.yaml") }
        let nominationOf = { (application: Application) in regulations[application.contestID]?.nomination(application.nomination) }
        // One column per own field of the exported nominations, in the order the regulations declare them.
        var ownColumns: [String] = []
        for application in applications {
            for field in nominationOf(application)?.fields ?? [] where !ownColumns.contains(field.title) { ownColumns.append(field.title) }
        }
        return Table(
            header: [
                "№", "Конкурс", "Номинация", "Организация", "Статус", "Конкурсанты", "Состав заявки", "Самовыдвижение", "Видео",
                "Согласие на обработку", "Разрешено публиковать", "Причина решения",
            ] + ownColumns,
            rows: applications.map { application in
                let contest = contests[application.contestID]
                let nomination = nominationOf(application)
                let organisation = organisations[application.organisationID] ?? ""
                let members = application.members.map { member in
                    "\(member.fullName) (\(nomination?.entry.title(of: member.role) ?? member.role.rawValue))"
                        + (member.guardian.map { ", согласие дал(а) \($0)" } ?? "")
                }
                let values = Dictionary(uniqueKeysWithValues: (nomination?.fields ?? []).map { ($0.title, application.fields[$0.id] ?? "") })
                return [
                    "\(application.id)", contest.map { "\($0.title) \($0.edition)" } ?? "", nomination?.title ?? application.nomination,
                    organisation, application.status.title, application.entryTitle, members.joined(separator: "; "),
                    application.selfNominated ? "да" : "нет", application.videoLinks.joined(separator: " "),
                    application.consentProcessing ? "да" : "нет",
                    application.consentPublication.map { $0.isEmpty ? "ничего" : Application.publishableTitles($0) } ?? "не указано",
                    application.reason ?? "",
                ] + ownColumns.map { values[$0] ?? "" }
            })
    }
}
