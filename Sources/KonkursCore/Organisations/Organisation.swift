/// An organisation of the district's registry: a school, kindergarten, club or other body that
/// nominates people.
public struct Organisation: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case school, kindergarten, additional, other

        /// The abbreviations the department uses.
        public var title: String {
            switch self {
            case .school: "ОУ"
            case .kindergarten: "ДОУ"
            case .additional: "УДО"
            case .other: "другое"
            }
        }

        /// Accepts the code or the Russian abbreviation (as in department spreadsheets).
        public init?(code: String) {
            let text = code.trimmingSpaces.lowercased()
            guard let kind = Kind(rawValue: text) ?? Kind.allCases.first(where: { $0.title.lowercased() == text }) else { return nil }
            self = kind
        }
    }

    public let id: Int64
    public var fullName: String
    public var shortName: String
    public var kind: Kind
    public var district: String
    public var active: Bool

    public init(id: Int64, fullName: String, shortName: String, kind: Kind, district: String, active: Bool) {
        self.id = id
        self.fullName = fullName
        self.shortName = shortName
        self.kind = kind
        self.district = district
        self.active = active
    }
}

/// The fields a person enters to create or edit an organisation, checked.
public struct OrganisationDraft: Sendable, Equatable {
    public static let defaultDistrict = "Амурский муниципальный район"

    public var fullName: String
    public var shortName: String
    public var kind: Organisation.Kind
    public var district: String

    public init(fullName: String, shortName: String, kind: Organisation.Kind, district: String = defaultDistrict) {
        self.fullName = fullName
        self.shortName = shortName
        self.kind = kind
        self.district = district
    }

    /// Trimmed and checked; throws every problem at once.
    public static func validated(fullName: String, shortName: String, kind: String, district: String?) throws(InvalidInput) -> OrganisationDraft {
        var checks = FieldChecks()
        let full = checks.text(fullName, "full_name", limit: 500, title: "Полное название")
        let short = checks.text(shortName, "short_name", limit: 200, title: "Краткое название")
        let place = checks.text(district ?? defaultDistrict, "district", limit: 200, title: "Район")
        let parsedKind = Organisation.Kind(code: kind)
        checks.require(parsedKind != nil, "kind", "Тип: одно из ОУ, ДОУ, УДО, другое (school, kindergarten, additional, other)")
        try checks.check()
        return OrganisationDraft(fullName: full, shortName: short, kind: parsedKind!, district: place)
    }
}

extension Array where Element == Organisation {
    /// The organisation a person names in a CSV row or on the command line: its registry number or
    /// its short name.
    public func named(_ reference: String) -> Organisation? {
        let text = reference.trimmingSpaces
        return first { "\($0.id)" == text || $0.shortName == text }
    }
}
