/// Reads applications collected outside Konkurs (a spreadsheet of paper or e-mailed forms): one line
/// per person; the lines sharing an `application` label are one application. Only the file's own
/// shape is checked here; the nomination, the organisation and the fields are the importer's to check,
/// and it reports them against the lines kept in `Entry.lines`. The format is in
/// `Docs/regulation-format.md`.
public struct ApplicationFileReader {
    public static let requiredColumns = [
        "application", "nomination", "organisation", "surname", "name", "birth_date", "position", "experience_start",
    ]
    public static let optionalColumns = [
        "role", "patronymic", "subject", "category", "contacts", "consent_processing", "consent_publication", "team", "guardian",
    ]
    /// Columns `field:ID` carry the nomination's own fields (from an application's first line).
    public static let ownFieldPrefix = "field:"

    public struct Entry: Sendable, Equatable {
        public let label: String
        public let nomination: String
        public let organisation: String
        public var members: [Application.Member]
        public let consentProcessing: Bool
        /// nil: the file does not say (the organisation decides before submitting).
        public let consentPublication: [String]?
        /// A team's name (column `team`).
        public let entryName: String?
        public let fields: [String: String]
        /// The file's line of each member, in order.
        public var lines: [Int]
        /// Values of the extra columns the caller asked for, from the application's first line.
        public let extra: [String: String]
    }

    /// - Parameter extraColumns: further columns the caller reads itself (the demo file's status).
    /// - Throws: `InputError` listing every problem (up to a limit) with its line; nothing is returned partially.
    public static func read(_ file: InputFile, extraColumns: [String] = []) throws(InputError) -> [Entry] {
        var problems = ProblemList()
        var header: CSVHeader?
        var entries: [Entry] = []
        var byLabel: [String: Int] = [:]
        problems.records(file) { fields, line, problems in
            guard let columns = header else {
                header = CSVHeader(
                    fields, file: file.name, required: requiredColumns, optional: optionalColumns + extraColumns, allowPrefix: ownFieldPrefix,
                    problems: &problems)
                return
            }
            guard fields.count == columns.count else {
                problems.add(file.name, line, "в строке \(fields.count) полей, в заголовке \(columns.count)")
                return
            }
            let value = { (name: String) in columns.field(name, in: fields)?.text ?? "" }
            let optional = { (name: String) in value(name).isEmpty ? nil : value(name) }
            let label = value("application")
            guard !label.isEmpty else {
                problems.add(file.name, line, "пустая метка заявки (столбец application): строки одной заявки помечаются одинаково")
                return
            }
            // An empty role is the nomination's first; the importer resolves it against the regulation.
            let member = Application.Member(
                role: .init(rawValue: value("role")), surname: value("surname"), name: value("name"), patronymic: optional("patronymic"),
                birthDate: value("birth_date"), position: value("position"), subject: optional("subject"),
                experienceStart: value("experience_start"), category: optional("category"), contacts: optional("contacts"),
                guardian: optional("guardian"))
            guard let processing = consent(value("consent_processing")) else {
                problems.add(file.name, line, "согласие на обработку: «да» или «нет», а не «\(value("consent_processing"))»")
                return
            }
            let publication = publicationFields(value("consent_publication"))
            if let index = byLabel[label] {
                let first = entries[index]
                guard first.nomination == value("nomination"), first.organisation == value("organisation") else {
                    problems.add(file.name, line, "заявка «\(label)» в строке \(first.lines[0]) — другой номинации или организации")
                    return
                }
                guard first.consentProcessing == processing, first.consentPublication == publication else {
                    problems.add(file.name, line, "согласия заявки «\(label)» отличаются от строки \(first.lines[0]): укажите их одинаково")
                    return
                }
                entries[index].members.append(member)
                entries[index].lines.append(line)
                return
            }
            byLabel[label] = entries.count
            entries.append(
                Entry(
                    label: label, nomination: value("nomination"), organisation: value("organisation"), members: [member],
                    consentProcessing: processing, consentPublication: publication, entryName: optional("team"),
                    fields: Dictionary(
                        uniqueKeysWithValues: columns.columns.keys.filter { $0.hasPrefix(ownFieldPrefix) }.compactMap { column in
                            let text = value(column)
                            return text.isEmpty ? nil : (String(column.dropFirst(ownFieldPrefix.count)), text)
                        }), lines: [line],

                    extra: Dictionary(uniqueKeysWithValues: extraColumns.map { ($0, value($0)) })))
        }
        if header != nil && entries.isEmpty && problems.isEmpty { problems.add(file.name, 2, "в файле нет ни одной заявки") }
        try problems.throwIfAny()
        return entries
    }

    /// Empty means not given (no consent).
    static func consent(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "", "нет", "no", "0", "false": false
        case "да", "yes", "1", "true": true
        default: nil
        }
    }

    /// Empty: undecided; «нет»/none: publish nothing personal; otherwise field codes separated by `;` or spaces.
    static func publicationFields(_ text: String) -> [String]? {
        switch text.lowercased() {
        case "": nil
        case "нет", "none", "-": []
        default: text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "," }).map(String.init)
        }
    }
}
