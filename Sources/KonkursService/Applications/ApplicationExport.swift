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
        Table(
            header: [
                "№", "Конкурс", "Номинация", "Организация", "Статус", "Конкурсанты", "Состав заявки", "Самовыдвижение", "Видео",
                "Согласие на обработку", "Разрешено публиковать", "Причина решения",
            ],
            rows: applications.map { application in
                let contest = contests[application.contestID]
                let nomination =
                    contest.flatMap { try? RegulationParser.parse($0.regulationText, file: "regulation.yaml") }?
                    .nomination(application.nomination)?.title ?? application.nomination
                let members = application.members.map { "\($0.fullName) (\($0.role.title))" }
                return [
                    "\(application.id)", contest.map { "\($0.title) \($0.edition)" } ?? "", nomination,
                    organisations[application.organisationID] ?? "",
                    application.status.title, application.contestantName, members.joined(separator: "; "), application.selfNominated ? "да" : "нет",
                    application.videoLinks.joined(separator: " "), application.consentProcessing ? "да" : "нет",
                    application.consentPublication.map { $0.isEmpty ? "ничего" : Application.publishableTitles($0) } ?? "не указано",
                    application.reason ?? "",
                ]
            })
    }
}
