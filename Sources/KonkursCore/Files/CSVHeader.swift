/// Column positions of a CSV file's header, checked against the columns a file must and may have.
struct CSVHeader {
    let columns: [String: Int]
    let count: Int

    init?(_ fields: [CSVField], file: String, required: [String], optional: [String], allowPrefix: String? = nil, problems: inout ProblemList) {
        var columns: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            let name = field.text.lowercased()
            let known =
                required.contains(name) || optional.contains(name) || (allowPrefix.map { name.hasPrefix($0) && name.count > $0.count } ?? false)
            if !known {
                problems.add(
                    file, 1,
                    "неизвестный столбец «\(name)»; допустимы: \((required + optional).joined(separator: ", "))\(allowPrefix.map { ", \($0)ИМЯ" } ?? "")"
                )
            } else if columns[name] != nil {
                problems.add(file, 1, "столбец «\(name)» повторяется")
            }
            columns[name] = index
        }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            problems.add(
                file, 1, "в заголовке нет обязательных столбцов: \(missing.joined(separator: ", ")) (ожидается: \(required.joined(separator: ",")))")
            return nil
        }
        self.columns = columns
        self.count = fields.count
    }

    func field(_ name: String, in fields: [CSVField]) -> CSVField? {
        columns[name].flatMap { $0 < fields.count ? fields[$0] : nil }
    }
}
