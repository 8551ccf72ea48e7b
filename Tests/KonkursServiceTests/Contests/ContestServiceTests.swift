import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

@Suite struct ContestServiceTests {
    static let root = Repository.root
    static let regulation = try! String(contentsOf: root.appendingPathComponent("Database/regulations/vozhatyi-goda.yaml"), encoding: .utf8)

    let admin = KonkursServices.commandLine

    @Test func anEditionGoesFromRegulationThroughItsScheduleAndIsAudited() async throws {
        try await withServices { services, database in
            let created = try await services.contests.create(admin, regulation: Self.regulation, fileName: "vozhatyi-goda.yaml")
            #expect(created.title == "Вожатый года")
            #expect(created.phase == .draft)
            await #expect(throws: ServiceError.conflict("конкурс «Вожатый года», 2026 уже создан")) {
                try await services.contests.create(admin, regulation: Self.regulation, fileName: "again.yaml")
            }
            // Drafts are the department's: the public does not see them (asked for one, it is told to sign in,
            // exactly as for an id that does not exist).
            #expect(try await services.contests.list(RequestOrigin(actor: nil)).isEmpty)
            await #expect(throws: ServiceError.unauthenticated) { try await services.contests.get(RequestOrigin(actor: nil), id: created.id) }
            await #expect(throws: ServiceError.unauthenticated) { try await services.contests.get(RequestOrigin(actor: nil), id: 987_654) }
            await #expect(throws: ServiceError.conflict("перед объявлением задайте сроки приёма заявок")) {
                try await services.contests.transition(admin, id: created.id, to: .announced)
            }
            await #expect(throws: InvalidInput.self) {
                try await services.contests.schedule(admin, id: created.id, opens: "2026-03-20 18:00", closes: "2026-03-01 09:00")
            }
            _ = try await services.contests.schedule(admin, id: created.id, opens: "2026-03-01 09:00", closes: "2026-03-20 18:00")
            _ = try await services.contests.transition(admin, id: created.id, to: .announced)
            #expect(try await services.contests.list(RequestOrigin(actor: nil)).map(\.id) == [created.id])
            await #expect(throws: ContestPhase.RefusedTransition(from: .announced, to: .admissionReview)) {
                try await services.contests.transition(admin, id: created.id, to: .admissionReview)
            }
            let opens = ContestSchedule.instant("2026-03-01 09:00", timeZone: "Asia/Vladivostok")!
            let closes = ContestSchedule.instant("2026-03-20 18:00", timeZone: "Asia/Vladivostok")!
            // Announced: the window may still move, but not to close in the past.
            await #expect(throws: InvalidInput.self) {
                try await services.contests.schedule(admin, id: created.id, opens: "2026-02-01 09:00", closes: "2026-02-20 18:00", now: opens)
            }
            _ = try await services.contests.schedule(
                admin, id: created.id, opens: "2026-03-02 09:00", closes: "2026-03-20 18:00", now: opens.addingTimeInterval(-86_400))
            _ = try await services.contests.schedule(
                admin, id: created.id, opens: "2026-03-01 09:00", closes: "2026-03-20 18:00", now: opens.addingTimeInterval(-86_400))

            #expect(try await services.contests.applySchedule(now: opens.addingTimeInterval(-1)) == 0)
            #expect(try await services.contests.applySchedule(now: opens) == 1)
            #expect(try await services.contests.get(admin, id: created.id).phase == .applicationsOpen)

            // Open: the deadline is extended (the opening stays); the opening itself no longer moves,
            // and the end cannot be set in the past. The clock then closes at the new instant only.
            let during = opens.addingTimeInterval(3600)
            await #expect(
                throws: InvalidInput([
                    .init(field: "applications_open_at", message: "Приём заявок уже открыт: начало не меняется, можно изменить только окончание")
                ])
            ) {
                try await services.contests.schedule(admin, id: created.id, opens: "2026-03-05 09:00", closes: "2026-03-25 18:00", now: during)
            }
            await #expect(
                throws: InvalidInput([.init(field: "applications_close_at", message: "Окончание приёма должно быть позже текущего времени")])
            ) {
                try await services.contests.schedule(admin, id: created.id, opens: nil, closes: "2026-03-01 09:30", now: during)
            }
            let extended = try await services.contests.schedule(admin, id: created.id, opens: nil, closes: "2026-03-27 18:00", now: during)
            let newCloses = ContestSchedule.instant("2026-03-27 18:00", timeZone: "Asia/Vladivostok")!
            #expect(extended.applicationsOpenAt == opens && extended.applicationsCloseAt == newCloses)
            let scheduled = try await services.audit.recent(admin).first { $0.action == "contest.schedule" }
            #expect(scheduled?.details.contains(#""previous_closes": "2026-03-20 18:00""#) == true)
            #expect(try await services.contests.applySchedule(now: closes) == 0)
            #expect(try await services.contests.get(admin, id: created.id).phase == .applicationsOpen)
            #expect(try await services.contests.applySchedule(now: newCloses) == 1)
            #expect(try await services.contests.get(admin, id: created.id).phase == .applicationsClosed)
            await #expect(
                throws: ServiceError.conflict("сроки приёма заявок меняются, пока приём не закрыт; конкурс уже в состоянии «приём заявок завершён»")
            ) {
                try await services.contests.schedule(admin, id: created.id, opens: nil, closes: "2026-04-20 18:00", now: during)
            }

            let transitions = try await services.audit.recent(admin).filter { $0.action == "contest.transition" }.map(\.details)
            #expect(
                transitions.reversed() == [
                    #"{"to": "announced", "from": "draft"}"#, #"{"to": "applications_open", "from": "announced"}"#,
                    #"{"to": "applications_closed", "from": "applications_open"}"#,
                ])
        }
    }

    @Test func aNewEditionIsMadeByThePatternOfLastYears() async throws {
        try await withServices { services, database in
            let earlier = try await services.contests.create(admin, regulation: Self.regulation, fileName: "vozhatyi-goda.yaml")
            _ = try await services.contests.schedule(admin, id: earlier.id, opens: "2026-03-01 09:00", closes: "2026-03-20 18:00")
            let next = try await services.contests.createEdition(admin, from: earlier.id, edition: " 2027 ")
            #expect(next.edition == "2027" && next.title == earlier.title && next.phase == .draft)
            #expect(next.applicationsOpenAt == nil && next.applicationsCloseAt == nil, "dates are not copied")
            #expect(
                next.regulationText == Self.regulation.replacingOccurrences(of: "edition: \"2026\"", with: "edition: \"2027\""),
                "the text is kept, comments included; only the edition line changes")
            await #expect(throws: ServiceError.conflict("конкурс «Вожатый года», 2027 уже создан")) {
                try await services.contests.createEdition(admin, from: earlier.id, edition: "2027")
            }
            await #expect(throws: InvalidInput.self) { try await services.contests.createEdition(admin, from: earlier.id, edition: "20\n27") }
            let coordinator = RequestOrigin(actor: Actor(userID: 5, login: "c", roles: [.coordinator], organisationID: 1))
            await #expect(throws: ServiceError.forbidden) {
                try await services.contests.createEdition(coordinator, from: earlier.id, edition: "2028")
            }
            let audit = try await services.audit.recent(admin).filter { $0.target == "contest:\(next.id)" }
            #expect(audit.contains { $0.action == "contest.create" && $0.details.contains("contest:\(earlier.id)") })
        }
    }

    @Test func onlyTheDepartmentCreatesAndMovesContests() async throws {

        try await withServices { services, database in
            let coordinator = RequestOrigin(actor: Actor(userID: 5, login: "c", roles: [.coordinator], organisationID: 1))
            await #expect(throws: ServiceError.forbidden) {
                try await services.contests.create(coordinator, regulation: Self.regulation, fileName: "r.yaml")
            }
            let created = try await services.contests.create(admin, regulation: Self.regulation, fileName: "r.yaml")
            await #expect(throws: ServiceError.forbidden) { try await services.contests.transition(coordinator, id: created.id, to: .cancelled) }
            await #expect(throws: ServiceError.notFound) { try await services.contests.get(coordinator, id: created.id) }
            await #expect(throws: RegulationError.self) {
                try await services.contests.create(admin, regulation: "format: konkurs/1\n", fileName: "bad.yaml")
            }
        }
    }
}
