/// A person's account: how they sign in and what they may do.
public struct UserAccount: Sendable, Equatable {
    public let id: Int64
    public var login: String
    public var fullName: String
    public var email: String?
    public var organisationID: Int64?
    public var roles: Set<Role>
    public var active: Bool
    /// False until the invitation link was used to set a password.
    public var hasPassword: Bool

    public init(
        id: Int64, login: String, fullName: String, email: String?, organisationID: Int64?, roles: Set<Role>, active: Bool, hasPassword: Bool
    ) {
        self.id = id
        self.login = login
        self.fullName = fullName
        self.email = email
        self.organisationID = organisationID
        self.roles = roles
        self.active = active
        self.hasPassword = hasPassword
    }

    public var actor: Actor { Actor(userID: id, login: login, roles: roles, organisationID: organisationID) }
}

/// The fields an administrator enters to create an account, checked.
public struct UserDraft: Sendable, Equatable {
    public var login: String
    public var fullName: String
    public var email: String?
    public var organisationID: Int64?
    public var roles: Set<Role>

    public static func validated(
        login: String, fullName: String, email: String?, organisationID: Int64?, roles: [String]
    ) throws(InvalidInput) -> UserDraft {
        var checks = FieldChecks()
        let normalisedLogin = login.trimmingSpaces.lowercased()
        let loginCharacters = normalisedLogin.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "@" || $0 == "-"
        }
        checks.require(
            (3...64).contains(normalisedLogin.count) && loginCharacters && normalisedLogin.first.map { $0.isLetter || $0.isNumber } == true,
            "login", "Логин: от 3 до 64 символов, латинские буквы, цифры и . _ @ -")
        let name = checks.text(fullName, "full_name", limit: 300, title: "ФИО")
        let mail = email.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        if let mail {
            checks.require(
                mail.count <= 254 && mail.contains("@") && !mail.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                "email", "Электронная почта указана неверно")
        }
        var parsedRoles: Set<Role> = []
        for role in roles {
            if let parsed = Role(rawValue: role.trimmingSpaces.lowercased()) {
                parsedRoles.insert(parsed)
            } else {
                checks.require(false, "roles", "Неизвестная роль «\(role)»; допустимы: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        checks.require(!roles.isEmpty, "roles", "Нужна хотя бы одна роль")
        checks.require(!parsedRoles.contains(.coordinator) || organisationID != nil, "organisation_id", "Координатору нужна организация")
        try checks.check()
        return UserDraft(login: normalisedLogin, fullName: name, email: mail, organisationID: organisationID, roles: parsedRoles)
    }
}

/// Password rules of `Docs/security.md`: at least 8 characters, not a common password, no
/// composition rules.
public enum PasswordRules {
    public static let minimumLength = 8
    public static let maximumLength = 128
    static let common: Set<String> = [
        "12345678", "123456789", "1234567890", "password", "password1", "qwerty123", "qwertyuiop", "11111111", "00000000",
        "iloveyou", "1q2w3e4r", "1qaz2wsx", "йцукенгш", "пароль123", "qwerty12", "abc12345", "admin123", "konkurs1", "87654321",
    ]

    public static func check(_ password: String) throws(InvalidInput) {
        var checks = FieldChecks()
        checks.require(password.count >= minimumLength, "password", "Пароль: не короче \(minimumLength) символов")
        checks.require(password.count <= maximumLength, "password", "Пароль: не длиннее \(maximumLength) символов")
        checks.require(!password.unicodeScalars.contains { $0.value == 0 }, "password", "Пароль: недопустимый символ")
        checks.require(!common.contains(password.lowercased()), "password", "Этот пароль слишком распространён, выберите другой")
        try checks.check()
    }
}
