import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// Two instances started together with `--demo` on an empty database load the demo once.
@Suite struct DemoDistrictTests {
    @Test func twoLoadsAtOnceLoadTheDemoOnce() async throws {
        try await withServices { services, database in
            async let first = DemoDistrict.loadIfEmpty(services)
            async let second = DemoDistrict.loadIfEmpty(services)
            let loaded = try await [first, second].compactMap { $0 }
            #expect(loaded.count == 1 && loaded[0].map(\.login) == DemoDistrict.logins.map(\.login))
            #expect(
                try await services.users.list(KonkursServices.commandLine).filter { $0.login.hasPrefix("demo-") }.count == DemoDistrict.logins.count)
            let contests = try await services.contests.list(KonkursServices.commandLine)
            #expect(Set(contests.map { "\($0.title) \($0.edition)" }).count == contests.count, "no edition twice")
        }
    }
}
