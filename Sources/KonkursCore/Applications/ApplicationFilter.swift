/// Which applications a list or an export shows; every field is optional; `nil` matches everything.
public struct ApplicationFilter: Sendable, Equatable {
    public var organisation: Int64?
    public var contest: Int64?
    public var nomination: String?
    public var status: Application.Status?

    public init(organisation: Int64? = nil, contest: Int64? = nil, nomination: String? = nil, status: Application.Status? = nil) {
        self.organisation = organisation
        self.contest = contest
        self.nomination = nomination
        self.status = status
    }
}
