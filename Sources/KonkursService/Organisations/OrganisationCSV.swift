import Foundation
import KonkursCore

/// The registry's CSV form: `full_name,short_name,kind,district,active` (kind as ОУ/ДОУ/УДО/другое or
/// the English codes).
enum OrganisationCSV {
    static func parse(_ file: InputFile) throws -> (drafts: [(line: Int, draft: OrganisationDraft)], problems: [InputProblem]) {
        var drafts: [(Int, OrganisationDraft)] = []
        var problems: [InputProblem] = []
        var columns: [String: Int]?
        var seen: [String: Int] = [:]
        do {
            try CSVReader(bytes: file.bytes).forEachRecord { fields, line in
                guard let known = columns else {
                    let names = fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() }
                    columns = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                    let missing = ["full_name", "short_name", "kind"].filter { columns?[$0] == nil }
                    if !missing.isEmpty {
                        problems.append(
                            InputProblem(file: file.name, line: line, message: "в заголовке нет столбцов: \(missing.joined(separator: ", "))"))
                    }
                    return
                }
                func value(_ name: String) -> String? {
                    known[name].flatMap { $0 < fields.count ? String(decoding: fields[$0], as: UTF8.self) : nil }
                }
                do {
                    let draft = try OrganisationDraft.validated(
                        fullName: value("full_name") ?? "", shortName: value("short_name") ?? "", kind: value("kind") ?? "",
                        district: value("district").flatMap { $0.isEmpty ? nil : $0 })
                    if let first = seen[draft.shortName] {
                        problems.append(InputProblem(file: file.name, line: line, message: "«\(draft.shortName)» уже встречалась в строке \(first)"))
                    } else {
                        seen[draft.shortName] = line
                        drafts.append((line, draft))
                    }
                } catch {
                    problems.append(
                        InputProblem(
                            file: file.name, line: line,
                            message: (error as? InvalidInput)?.problems.map(\.message).joined(separator: "; ") ?? "\(error)"))
                }
            }
        } catch let error as CSVReader.Malformed {
            problems.append(InputProblem(file: file.name, line: error.line, message: "нарушен формат CSV: \(error.problem)"))
        }
        if columns == nil { problems.append(InputProblem(file: file.name, line: 1, message: "файл пуст: нужна строка заголовка")) }
        if columns != nil && ["full_name", "short_name", "kind"].contains(where: { columns?[$0] == nil }) { drafts = [] }
        return (drafts, problems)
    }

    static func render(_ organisations: [Organisation]) -> String {
        Table(
            header: ["id", "full_name", "short_name", "kind", "district", "active"],
            rows: organisations.map { ["\($0.id)", $0.fullName, $0.shortName, $0.kind.title, $0.district, $0.active ? "да" : "нет"] }
        ).csv()
    }
}
