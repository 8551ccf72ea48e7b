import Foundation
import KonkursCore
import KonkursStore

/// The demo district (`Database/demo`): real organisations of the Amur district and one account per
/// role, so a newcomer can try every door at once. Loaded only into an empty database.
public enum DemoDistrict {
    public struct Login: Sendable {
        public let login: String
        public let password: String
        public let role: Role
    }

    /// One account per role; passwords are printed by `konkurs serve` on the embedded default.
    public static let logins: [Login] = Role.allCases.map { Login(login: "demo-\($0.rawValue)", password: "konkurs-demo-\($0.rawValue)", role: $0) }

    /// Loads the demo when the database has no accounts yet; returns the logins, or nil when it did nothing.
    public static func loadIfEmpty(_ services: KonkursServices) async throws -> [Login]? {
        guard try await services.users.count() == 0 else { return nil }
        let origin = RequestOrigin(actor: Actor(userID: 0, login: "demo", roles: [.admin], organisationID: nil))
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("demo/organisations.csv"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ServiceError.conflict("демонстрационные данные не найдены рядом с программой") }
        _ = try await services.organisations.importCSV(origin, file: InputFile(name: "organisations.csv", bytes: [UInt8](data)), skipBad: false)
        let school = try await services.organisations.list(origin).first { $0.shortName == "СОШ № 1" }?.id
        for login in logins {
            let draft = try UserDraft.validated(
                login: login.login, fullName: "Демо: \(login.role.title)", email: nil,
                organisationID: login.role == .coordinator ? school : nil, roles: [login.role.rawValue])
            let (account, _) = try await services.users.add(origin, draft)
            try await services.users.setPassword(origin, id: account.id, password: login.password)
        }
        return logins
    }
}
