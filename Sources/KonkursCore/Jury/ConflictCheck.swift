/// Conflicts of interest found without anyone declaring them: a juror never scores an application
/// of their own organisation, nor one where they are a member, a mentor or a mentee.
public enum ConflictCheck {
    public struct Juror: Sendable, Equatable {
        public var userID: Int64
        public var fullName: String
        public var organisationID: Int64?

        public init(userID: Int64, fullName: String, organisationID: Int64?) {
            self.userID = userID
            self.fullName = fullName
            self.organisationID = organisationID
        }
    }

    public enum Kind: String, Sendable, CaseIterable {
        case organisation, participant, declared
    }

    /// The automatic conflict between the juror and the application, with its reason, if any.
    public static func automatic(_ juror: Juror, _ application: Application) -> (kind: Kind, reason: String)? {
        if let organisation = juror.organisationID, organisation == application.organisationID {
            return (.organisation, "заявка организации, в которой работает член жюри")
        }
        let name = normalised(juror.fullName)
        if let member = application.members.first(where: { normalised($0.fullName) == name || normalised("\($0.surname) \($0.name)") == name }) {
            return (.participant, "член жюри — участник заявки (\(member.fullName))")
        }
        return nil
    }

    /// Names compared as people write them: case, «ё» and extra spaces do not matter.
    static func normalised(_ name: String) -> String {
        name.lowercased().replacingAll("ё", with: "е").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
