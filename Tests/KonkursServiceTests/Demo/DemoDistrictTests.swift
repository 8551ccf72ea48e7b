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

    /// Every seed contest is where a visitor of each role finds real work.
    @Test func everySeedContestIsAtAStageWithRealWork() async throws {
        try await withServices { services, database in
            _ = try await DemoDistrict.loadIfEmpty(services)
            let admin = KonkursServices.commandLine
            let contests = Dictionary(uniqueKeysWithValues: try await services.contests.list(admin).map { ("\($0.title) \($0.edition)", $0) })
            func applications(_ title: String) async throws -> [Application] {
                try await services.applications.list(admin, filter: .init(contest: try #require(contests[title]).id))
            }
            let teams = try await applications("Лидеры образования 2026")
            #expect(contests["Лидеры образования 2026"]?.phase == .applicationsOpen)
            #expect(teams.filter { $0.status == .submitted }.map(\.entryTitle).sorted() == ["Новая волна", "Эльбанские звёзды"])
            #expect(teams.flatMap(\.members).contains { $0.role == "uchenik" && $0.guardian != nil }, "pupils with their guardians")
            let nominated = try await applications("Премия главы района «Лучшая организация наставничества» 2026")
            #expect(nominated.map(\.entryTitle).sorted() == ["ДОУ № 12", "СОШ № 3", "ЦВР"] && nominated.allSatisfy(\.isOrganisationEntry))
            let week = try #require(contests["Неделя мастер-классов «Вдохновение — Мастерство — Образование» 2026"])
            #expect(week.phase == .published)
            #expect(try await services.events.programme(RequestOrigin(actor: nil), contestID: week.id).count == 3)
            let certificates = try await services.events.certificates(admin, contestID: week.id)
            #expect(certificates.contains("Живая клетка") && certificates.contains("Смирнова Елена") && !certificates.contains("Рыбин"))
        }
    }

}
