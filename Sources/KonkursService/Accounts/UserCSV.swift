import Foundation
import KonkursCore

/// Accounts as CSV: `login,full_name,roles[,email,organisation]`; roles separated by `;` or spaces,
/// the organisation by its short name.
enum UserCSV {
    struct Row {
        let line: Int
        let login: String
        let fullName: String
        let email: String?
        let roles: [String]
        let organisation: String?
    }

    static func parse(_ file: InputFile) -> (rows: [Row], problems: [InputProblem]) {
        var rows: [Row] = []
        var problems: [InputProblem] = []
        var columns: [String: Int]?
        do {
            try CSVReader(bytes: file.bytes).forEachRecord { fields, line in
                let values = fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
                guard let known = columns else {
                    columns = Dictionary(values.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
                    let missing = ["login", "full_name", "roles"].filter { columns?[$0] == nil }
                    if !missing.isEmpty {
                        problems.append(
                            InputProblem(file: file.name, line: line, message: "в заголовке нет столбцов: \(missing.joined(separator: ", "))"))
                    }
                    return
                }
                func value(_ name: String) -> String? {
                    known[name].flatMap { $0 < values.count ? values[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 }
                }
                let roles = (value("roles") ?? "").split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
                rows.append(
                    Row(
                        line: line, login: value("login") ?? "", fullName: value("full_name") ?? "", email: value("email"), roles: roles,
                        organisation: value("organisation")))
            }
        } catch let error as CSVReader.Malformed {
            problems.append(InputProblem(file: file.name, line: error.line, message: "нарушен формат CSV: \(error.problem)"))
        } catch {
            problems.append(InputProblem(file: file.name, line: 0, message: "\(error)"))
        }
        if columns == nil { problems.append(InputProblem(file: file.name, line: 1, message: "файл пуст: нужна строка заголовка")) }
        return (problems.isEmpty || columns != nil ? rows : [], problems)
    }
}

extension UserService {
    public struct ImportReport: Sendable {
        public let created: [(login: String, invitation: String)]
        public let skipped: [InputProblem]
    }

    /// Creates accounts from CSV, each with its invitation. Every bad row is reported with its line;
    /// nothing is created when any row is bad, unless `skipBad` is set.
    public func importCSV(_ origin: RequestOrigin, file: InputFile, skipBad: Bool) async throws -> ImportReport {
        _ = try origin.authorize(.manageUsers, .registry)
        let parsed = UserCSV.parse(file)
        var problems = parsed.problems
        let organisations = try await OrganisationService(database: database).list(origin)
        let taken = Set(try await list(origin).map(\.login))
        var drafts: [(line: Int, draft: UserDraft)] = []
        var seen: [String: Int] = [:]
        for row in parsed.rows {
            do {
                var organisationID: Int64?
                if let name = row.organisation {
                    guard let found = organisations.named(name) else {
                        throw InvalidInput([.init(field: "organisation", message: "Организация «\(name)» не найдена в реестре")])
                    }
                    organisationID = found.id
                }
                let draft = try UserDraft.validated(
                    login: row.login, fullName: row.fullName, email: row.email, organisationID: organisationID, roles: row.roles)
                if taken.contains(draft.login) {
                    problems.append(InputProblem(file: file.name, line: row.line, message: "логин «\(draft.login)» уже занят"))
                    continue
                }
                if let first = seen[draft.login] {
                    problems.append(InputProblem(file: file.name, line: row.line, message: "логин «\(draft.login)» уже встречался в строке \(first)"))
                    continue
                }
                seen[draft.login] = row.line
                drafts.append((row.line, draft))
            } catch let error as InvalidInput {
                problems.append(InputProblem(file: file.name, line: row.line, message: error.problems.map(\.message).joined(separator: "; ")))
            }
        }
        if !problems.isEmpty && !skipBad { throw InputError(problems: Array(problems.prefix(InputError.listLimit)), total: problems.count) }
        var created: [(String, String)] = []
        for (line, draft) in drafts {
            do {
                let (_, invitation) = try await add(origin, draft)
                created.append((draft.login, invitation))
            } catch ServiceError.conflict(let message) {
                problems.append(InputProblem(file: file.name, line: line, message: message))
            }
        }
        return ImportReport(created: created, skipped: problems)
    }
}
