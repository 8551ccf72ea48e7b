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
        // Instances started together on an empty database: one loads, the others then find it loaded.
        try await services.database.withSessionLock(lockKey) { _ in
            guard try await services.users.count() == 0 else { return nil }
            return try await load(services)
        }
    }

    static let lockKey: Int64 = 0x6B6F_6E6B_6465_6D6F  // "konkdemo"

    private static func load(_ services: KonkursServices) async throws -> [Login] {
        let origin = RequestOrigin(actor: Actor(userID: 0, login: "demo", roles: [.admin], organisationID: nil))
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("demo/organisations.csv"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ServiceError.conflict("демонстрационные данные не найдены рядом с программой") }
        _ = try await services.organisations.importCSV(origin, file: InputFile(name: "organisations.csv", bytes: [UInt8](data)), skipBad: false)
        let school = try await services.organisations.list(origin).named("СОШ № 1")?.id
        for login in logins {
            let draft = try UserDraft.validated(
                login: login.login, fullName: "Демо: \(login.role.title)", email: nil,
                organisationID: login.role == .coordinator ? school : nil, roles: [login.role.rawValue])
            let (account, _) = try await services.users.add(origin, draft)
            try await services.users.setPassword(origin, id: account.id, password: login.password)
        }
        try await loadContests(services, origin: origin)
        return logins
    }

    /// Editions of the seed's contests in different phases, so every page has something to show:
    /// «Вожатый года» and «Лидеры образования» open for applications (persons; teams with their
    /// rosters, pupils and guardians), «Лучший молодой специалист» and «Лучшая организация
    /// наставничества» in admission review (admitted, refused and waiting; organisations nominated),
    /// «Лучший педагог-наставник» being scored (a panel, assignments, some sheets in), «Формула
    /// успеха» announced, «Неделя мастер-классов» held with its programme, attendees and certificates
    /// (see `DemoEvents`), last year's «Вожатый года» published (see `DemoResults`) and next year's
    /// a draft.

    static func loadContests(_ services: KonkursServices, origin: RequestOrigin) async throws {
        let now = Date()
        let day: TimeInterval = 86400
        let plans: [(file: String, opensInDays: Double, closesInDays: Double, phases: [ContestPhase])] = [
            ("vozhatyi-goda-2025", -400, -370, [.announced]),
            ("vozhatyi-goda", -7, 21, [.announced]),
            ("luchshii-molodoi-specialist", -40, -5, [.announced]),
            ("luchshii-pedagog-nastavnik", -60, -20, [.announced]),
            ("formula-uspeha", 14, 45, [.announced]),
            ("lidery-obrazovaniya", -5, 20, [.announced]),
            ("luchshaya-organizaciya-nastavnichestva", -40, -3, [.announced]),
            ("nedelya-master-klassov", -60, -30, [.announced]),
        ]
        var editions: [String: ContestEdition] = [:]
        for plan in plans {
            // Last year's «Вожатый года» is this year's regulation with last year's edition.
            let lastYear = plan.file.hasSuffix("-2025")
            let regulationFile = lastYear ? String(plan.file.dropLast(5)) : plan.file
            var text = String(decoding: try DemoApplications.resource("regulations/\(regulationFile).yaml"), as: UTF8.self)
            if lastYear { text = text.replacingOccurrences(of: "edition: \"2026\"", with: "edition: \"2025\"") }
            let edition = try await services.contests.create(origin, regulation: text, fileName: "\(regulationFile).yaml")
            let format = { (days: Double) in Self.localText(now.addingTimeInterval(days * day), timeZone: edition.timeZone) }
            _ = try await services.contests.schedule(origin, id: edition.id, opens: format(plan.opensInDays), closes: format(plan.closesInDays))
            for phase in plan.phases { _ = try await services.contests.transition(origin, id: edition.id, to: phase) }
            editions[plan.file] = edition
        }
        // The applications are filed while each window was open, as they would have been.
        let rows = try DemoApplications.rows()
        var filed: [(id: Int64, row: DemoApplications.Row)] = []
        for (daysAgo, files) in [
            (385.0, ["vozhatyi-goda-2025"]), (45, ["nedelya-master-klassov"]), (30, ["luchshii-pedagog-nastavnik"]),
            (10, ["luchshaya-organizaciya-nastavnichestva"]), (6, ["luchshii-molodoi-specialist", "vozhatyi-goda"]), (3, ["lidery-obrazovaniya"]),
        ] {
            let filedAt = now.addingTimeInterval(-daysAgo * day)
            try await services.contests.applySchedule(now: filedAt)
            for file in files {
                filed += try await DemoApplications.file(
                    rows.filter { $0.contest == file }, contest: editions[file]!, services: services, origin: origin, now: filedAt)
            }
        }
        try await services.contests.applySchedule(now: now)  // closes the windows that have ended
        for edition in try await services.contests.list(origin) where edition.phase == .applicationsClosed {
            _ = try await services.contests.transition(origin, id: edition.id, to: .admissionReview)
        }
        try await DemoApplications.decide(filed, services: services, origin: origin)
        try await DemoJury.load(services, origin: origin, contest: editions["luchshii-pedagog-nastavnik"]!)
        try await DemoResults.load(services, origin: origin, contest: editions["vozhatyi-goda-2025"]!)
        try await DemoEvents.load(services, origin: origin, contest: editions["nedelya-master-klassov"]!, now: now)
        // Next year's «Вожатый года», made by the pattern of this year's: a draft the public does not see.
        _ = try await services.contests.createEdition(origin, from: editions["vozhatyi-goda"]!.id, edition: "2027")

    }

    static func localText(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
