import Foundation
import Testing

@testable import KonkursCore

/// The access matrix written in `Docs/security.md` is the policy: this test reads the table and
/// checks every cell against `AccessPolicy`, so the document and the code cannot drift apart.
@Suite struct AccessMatrixTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The actor of each column: user 10 of organisation 1 (anonymous: nobody).
    static func actor(_ column: String) -> Actor? {
        guard let role = Role(rawValue: column) else { return nil }
        return Actor(userID: 10, login: "u", roles: [role], organisationID: role == .coordinator ? 1 : nil)
    }

    /// The resource of each row, seen from user 10 of organisation 1.
    static let resources: [String: Resource] = [
        "registry": .registry,
        "own organisation": .organisation(id: 1),
        "other organisation": .organisation(id: 2),
        "user of own organisation": .user(id: 11, organisationID: 1),
        "user of other organisation": .user(id: 12, organisationID: 2),
        "own account": .account(userID: 10),
        "other account": .account(userID: 11),
        "public contest": .contest(id: 1, isPublic: true),
        "draft contest": .contest(id: 2, isPublic: false),
        "application of own organisation": .application(organisationID: 1),
        "application of other organisation": .application(organisationID: 2),
        "unknown application": .unknownApplication,
        "assigned application": .scoring(assigned: true, conflicted: false),
        "unassigned application": .scoring(assigned: false, conflicted: false),
        "conflicted application": .scoring(assigned: true, conflicted: true),
        "panel they chair": .panel(chairedByActor: true),
        "another panel": .panel(chairedByActor: false),
        "values the secretary enters": .attemptValues(enteredBy: .secretary, chairedByActor: false),
        "values the chair of its panel enters": .attemptValues(enteredBy: .chair, chairedByActor: true),
        "values the chair of another panel enters": .attemptValues(enteredBy: .chair, chairedByActor: false),
        "protocol they sign": .resultProtocol(signer: true),
        "protocol of another jury": .resultProtocol(signer: false),
    ]

    static let columns = Role.allCases.map(\.rawValue) + ["anonymous"]

    static func word(_ decision: Decision) -> String {
        switch decision {
        case .allow: "allow"
        case .unauthenticated: "401"
        case .forbidden: "403"
        case .notFound: "404"
        }
    }

    /// The table as the policy decides it, in the document's format.
    static func table() -> [String] {
        var lines = [
            "| action | resource | " + columns.joined(separator: " | ") + " |", "|---|---|" + String(repeating: "---|", count: columns.count),
        ]
        for action in Action.allCases {
            for (name, resource) in resources.sorted(by: { $0.key < $1.key }) where applies(action, resource) {
                lines.append(
                    "| \(action.rawValue) | \(name) | "
                        + columns.map { word(AccessPolicy.decide(actor($0), action, resource)) }.joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    static func applies(_ action: Action, _ resource: Resource) -> Bool {
        if resource == .unknownApplication { return applies(action, .application(organisationID: 2)) }
        return switch (action, resource) {
        case (.enterScores, .registry), (.enterScores, .scoring), (.reopenSheets, .panel), (.signProtocols, .resultProtocol),
            (.viewResults, .resultProtocol):
            true
        case (.signProtocols, _), (_, .resultProtocol): false
        case (.enterComponents, .registry), (.enterComponents, .attemptValues): true
        case (.enterComponents, _), (_, .attemptValues): false
        case (.fileAppeals, let resource): if case .application = resource { true } else { false }
        case (.viewResults, let resource), (.manageResults, let resource), (.publishResults, let resource), (.decideAppeals, let resource):
            resource == .registry
        case (.enterScores, _), (.reopenSheets, _), (_, .scoring), (_, .panel): false
        case (.manageJury, let resource), (.viewScoring, let resource): resource == .registry
        case (.viewContests, .registry), (.viewContests, .contest), (.manageContests, .registry), (.manageContests, .contest): true
        case (.viewContests, _), (.manageContests, _), (_, .contest): false
        case (.viewApplications, .registry), (.viewApplications, .application), (.editApplications, .registry), (.editApplications, .application),
            (.decideApplications, .application):
            true
        case (.viewApplications, _), (.editApplications, _), (.decideApplications, _), (_, .application): false
        case (.viewOwnAccount, .account), (.manageOwnAccount, .account): true
        case (.viewOwnAccount, _), (.manageOwnAccount, _), (_, .account): false
        case (.viewOrganisations, .user), (.manageOrganisations, .user), (.exportOrganisations, .user): false
        case (.viewUsers, .organisation), (.manageUsers, .organisation): false
        case (.viewAudit, let resource), (.exportOrganisations, let resource), (.exportApplications, let resource),
            (.importApplications, let resource):
            resource == .registry
        default: true
        }
    }

    @Test func theDocumentedMatrixIsThePolicy() throws {
        let document = try String(contentsOf: Self.root.appendingPathComponent("Docs/security.md"), encoding: .utf8)
        let documented = document.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && $0.contains(" | ") }
            .drop { !$0.hasPrefix("| action |") }
        let expected = Self.table().filter { !$0.hasPrefix("|---") }
        #expect(Array(documented.prefix(expected.count)) == expected, "Docs/security.md must hold:\n\(Self.table().joined(separator: "\n"))")
    }

    @Test func anythingNotAllowedIsRefusedForEveryActionAndRole() {
        // Fail closed: a juror or chair (no registry role) can only see public contests, their own
        // account and their own assignments.
        for role in [Role.juror, .chair] {
            for action in Action.allCases where action != .viewContests && action != .enterScores && !(role == .chair && action == .enterComponents) {

                let decision = AccessPolicy.decide(Self.actor(role.rawValue), action, .registry)
                #expect(decision != .allow, "\(role) \(action)")
            }
        }
        for action in Action.allCases where action != .viewContests { #expect(AccessPolicy.decide(nil, action, .registry) == .unauthenticated) }
        #expect(AccessPolicy.decide(nil, .viewContests, .contest(id: 1, isPublic: false)) == .unauthenticated)
    }

    @Test func anOrganisationIsNamedByItsNumberOrShortName() {
        let list = [
            Organisation(id: 3, fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school, district: "р", active: true),
            Organisation(id: 12, fullName: "МБДОУ № 3", shortName: "3", kind: .kindergarten, district: "р", active: true),
        ]
        #expect(list.named(" СОШ № 1 ")?.id == 3)
        #expect(list.named("12")?.id == 12)
        #expect(list.named("СОШ № 2") == nil)
    }

    @Test func aCoordinatorsListsAreNarrowedToTheirOrganisation() {
        let coordinator = Self.actor("coordinator")!
        #expect(AccessPolicy.scope(of: coordinator, for: .viewOrganisations) == .organisation(1))
        #expect(AccessPolicy.scope(of: coordinator, for: .viewUsers) == .organisation(1))
        #expect(AccessPolicy.scope(of: Self.actor("observer")!, for: .viewOrganisations) == .all)
        #expect(AccessPolicy.scope(of: Self.actor("observer")!, for: .viewUsers) == .nothing)
        let both = Actor(userID: 1, login: "x", roles: [.coordinator, .secretary], organisationID: 1)
        #expect(AccessPolicy.scope(of: both, for: .viewUsers) == .all)
    }
}
