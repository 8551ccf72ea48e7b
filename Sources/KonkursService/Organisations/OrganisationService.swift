import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// The district's registry of organisations: one function per action, each authorised, checked,
/// transactional and audited.
public struct OrganisationService: Sendable {
    let database: Database
    var logger: Logger { database.logger }
    var audit: AuditTrail { AuditTrail(database: database) }

    public init(database: Database) {
        self.database = database
    }

    public func list(_ origin: RequestOrigin) async throws -> [Organisation] {
        let actor = try origin.authorize(.viewOrganisations, .registry)
        let logger = logger
        switch AccessPolicy.scope(of: actor, for: .viewOrganisations) {
        case .all: return try await database.read { try await OrganisationQueries.list($0, logger: logger) }
        case .organisation(let id): return try await database.read { try await OrganisationQueries.list($0, only: id, logger: logger) }
        case .nothing: return []
        }
    }

    public func get(_ origin: RequestOrigin, id: Int64) async throws -> Organisation {
        _ = try origin.authorize(.viewOrganisations, .organisation(id: id))
        let logger = logger
        guard let found = try await database.read({ try await OrganisationQueries.find($0, id: id, logger: logger) }) else {
            throw ServiceError.notFound
        }
        return found
    }

    /// Creates from form or API fields: permission is checked before the fields, so a stranger learns
    /// nothing from validation messages.
    public func create(_ origin: RequestOrigin, fullName: String, shortName: String, kind: String, district: String?) async throws -> Organisation {
        _ = try origin.authorize(.manageOrganisations, .registry)
        return try await create(origin, try OrganisationDraft.validated(fullName: fullName, shortName: shortName, kind: kind, district: district))
    }

    public func update(
        _ origin: RequestOrigin, id: Int64, fullName: String, shortName: String, kind: String, district: String?
    ) async throws -> Organisation {
        _ = try origin.authorize(.manageOrganisations, .organisation(id: id))
        return try await update(
            origin, id: id, try OrganisationDraft.validated(fullName: fullName, shortName: shortName, kind: kind, district: district))
    }

    public func create(_ origin: RequestOrigin, _ draft: OrganisationDraft) async throws -> Organisation {
        _ = try origin.authorize(.manageOrganisations, .registry)
        return try await database.transaction { connection in
            let created = try await insert(connection, draft)
            try await audit.record(
                connection, origin: origin, action: "organisation.create", target: "organisation:\(created.id)",
                details: ["short_name": created.shortName, "kind": created.kind.rawValue])
            return created
        }
    }

    public func update(_ origin: RequestOrigin, id: Int64, _ draft: OrganisationDraft) async throws -> Organisation {
        _ = try origin.authorize(.manageOrganisations, .organisation(id: id))
        return try await database.transaction { connection in
            guard let before = try await OrganisationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            do {
                try await OrganisationQueries.update(connection, id: id, draft, logger: logger)
            } catch let error as PSQLError where error.sqlState == "23505" {
                throw ServiceError.conflict("организация с кратким названием «\(draft.shortName)» уже есть в реестре")
            }
            try await audit.record(
                connection, origin: origin, action: "organisation.update", target: "organisation:\(id)",
                details: ["before": "\(before.shortName) (\(before.kind.rawValue))", "after": "\(draft.shortName) (\(draft.kind.rawValue))"])
            return Organisation(
                id: id, fullName: draft.fullName, shortName: draft.shortName, kind: draft.kind, district: draft.district, active: before.active)
        }
    }

    public func setActive(_ origin: RequestOrigin, id: Int64, active: Bool) async throws -> Organisation {
        _ = try origin.authorize(.manageOrganisations, .organisation(id: id))
        return try await database.transaction { connection in
            guard var organisation = try await OrganisationQueries.find(connection, id: id, forUpdate: true, logger: logger) else {
                throw ServiceError.notFound
            }
            guard organisation.active != active else { return organisation }
            try await OrganisationQueries.setActive(connection, id: id, active: active, logger: logger)
            try await audit.record(
                connection, origin: origin, action: active ? "organisation.activate" : "organisation.deactivate",
                target: "organisation:\(id)", details: ["short_name": organisation.shortName])
            organisation.active = active
            return organisation
        }
    }

    // MARK: - Import and export

    public struct ImportReport: Sendable, Equatable {
        public let imported: Int
        public let skipped: [InputProblem]
    }

    /// Imports `full_name,short_name,kind[,district]` rows. Every bad row is reported with its line;
    /// nothing is imported when any row is bad, unless `skipBad` is set.
    public func importCSV(_ origin: RequestOrigin, file: InputFile, skipBad: Bool) async throws -> ImportReport {
        _ = try origin.authorize(.manageOrganisations, .registry)
        let rows = try OrganisationCSV.parse(file)
        if !rows.problems.isEmpty && !skipBad {
            throw InputError(problems: Array(rows.problems.prefix(InputError.listLimit)), total: rows.problems.count)
        }
        return try await database.transaction { connection in
            var problems = rows.problems
            var imported = 0
            for (line, draft) in rows.drafts {
                if try await OrganisationQueries.id(shortName: draft.shortName, connection, logger: logger) != nil {
                    problems.append(InputProblem(file: file.name, line: line, message: "организация «\(draft.shortName)» уже есть в реестре"))
                    continue
                }
                _ = try await insert(connection, draft)
                imported += 1
            }
            if !problems.isEmpty && !skipBad {
                throw InputError(problems: Array(problems.prefix(InputError.listLimit)), total: problems.count)
            }
            try await audit.record(
                connection, origin: origin, action: "organisation.import", target: "organisations",
                details: ["file": (file.name as NSString).lastPathComponent, "imported": "\(imported)", "skipped": "\(problems.count)"])
            return ImportReport(imported: imported, skipped: problems)
        }
    }

    public func exportCSV(_ origin: RequestOrigin) async throws -> String {
        _ = try origin.authorize(.exportOrganisations, .registry)
        let logger = logger
        let all = try await database.read { try await OrganisationQueries.list($0, logger: logger) }
        return OrganisationCSV.render(all)
    }

    // MARK: - Internals

    private func insert(_ connection: PostgresConnection, _ draft: OrganisationDraft) async throws -> Organisation {
        do {
            return try await OrganisationQueries.insert(connection, draft, logger: logger)
        } catch let error as PSQLError where error.sqlState == "23505" {
            throw ServiceError.conflict("организация с кратким названием «\(draft.shortName)» уже есть в реестре")
        }
    }
}
