import Foundation
import KonkursCore
import KonkursStore
import Logging
import PostgresNIO
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// What the accounts, organisations and audit suites share: services with a low failure limit, and
/// accounts that have set their password.
protocol PeopleFixture {
    var admin: RequestOrigin { get }
}

extension PeopleFixture {
    static func services(_ database: Database) -> KonkursServices {
        var limits = AuthService.Limits()
        limits.failuresPerAccount = 3
        return KonkursServices(database: database, hasher: PasswordHasher(cost: 4), limits: limits)
    }

    func withServices(_ body: (KonkursServices) async throws -> Void) async throws {
        let database = try await TestCluster.shared.migratedDatabase()
        try await database.withDatabase { try await body(Self.services($0)) }
    }

    /// An active account with a password, signed in: its actor.
    func account(_ services: KonkursServices, _ login: String, roles: [String], organisation: Int64? = nil) async throws -> Actor {
        let draft = try UserDraft.validated(login: login, fullName: "Тест \(login)", email: nil, organisationID: organisation, roles: roles)
        let (account, invitation) = try await services.users.add(admin, draft)
        _ = try await services.users.acceptInvitation(token: invitation, password: "верный-пароль-\(login)", origin: admin)
        return account.actor
    }
}
