import Foundation
import Testing

@testable import KonkursCore

@Suite struct ContestLifecycleTests {
    /// The lifecycle as the department runs it, written out independently of the implementation.
    static let allowed: [ContestPhase: Set<ContestPhase>] = [
        .draft: [.announced, .cancelled],
        .announced: [.applicationsOpen, .cancelled],
        .applicationsOpen: [.applicationsClosed, .cancelled],
        .applicationsClosed: [.admissionReview, .cancelled],
        .admissionReview: [.stageActive, .cancelled],
        .stageActive: [.stageScored, .cancelled],
        .stageScored: [.protocolSigned, .cancelled],
        .protocolSigned: [.stageActive, .appealWindow, .resultsFinal, .cancelled],
        .appealWindow: [.resultsFinal, .cancelled],
        .resultsFinal: [.approved, .cancelled],
        .approved: [.published, .cancelled],
        .published: [.archived],
        .archived: [],
        .cancelled: [],
    ]

    @Test(arguments: ContestPhase.allCases)
    func everyTransitionIsAllowedOrRefusedAsTheLifecycleSays(from: ContestPhase) {
        for to in ContestPhase.allCases {
            let expected = Self.allowed[from]!.contains(to)
            do {
                #expect(try from.transition(to: to) == to)
                #expect(expected, "\(from) → \(to) was allowed")
            } catch {
                #expect(!expected, "\(from) → \(to) was refused")
                #expect(error.message.hasPrefix("из состояния «\(from.title)» нельзя перейти в «\(to.title)»"))
            }
        }
    }

    @Test func publishedResultsCannotBeCancelled() {
        #expect(throws: ContestPhase.RefusedTransition(from: .published, to: .cancelled)) { try ContestPhase.published.transition(to: .cancelled) }
    }

    func edition(_ phase: ContestPhase, opens: Date?, closes: Date?) -> ContestEdition {
        ContestEdition(
            id: 1, title: "Т", edition: "2026", timeZone: "Asia/Vladivostok", phase: phase, applicationsOpenAt: opens, applicationsCloseAt: closes,
            regulationText: "", regulationDigest: "")
    }

    @Test func applicationsOpenAndCloseAtTheExactInstants() throws {
        let opens = try #require(ContestSchedule.instant("2026-03-01 09:00", timeZone: "Asia/Vladivostok"))
        let closes = try #require(ContestSchedule.instant("2026-03-20 18:00", timeZone: "Asia/Vladivostok"))
        // 09:00 in Vladivostok (UTC+10) is 23:00 UTC the day before.
        #expect(ISO8601DateFormatter().string(from: opens) == "2026-02-28T23:00:00Z")
        let announced = edition(.announced, opens: opens, closes: closes)
        #expect(ContestSchedule.due(announced, now: opens.addingTimeInterval(-0.001)) == nil)
        #expect(ContestSchedule.due(announced, now: opens) == .applicationsOpen)
        let open = edition(.applicationsOpen, opens: opens, closes: closes)
        #expect(ContestSchedule.due(open, now: closes.addingTimeInterval(-0.001)) == nil)
        #expect(ContestSchedule.due(open, now: closes) == .applicationsClosed, "late is late: the closing instant is already closed")
        #expect(ContestSchedule.due(edition(.draft, opens: opens, closes: closes), now: closes) == nil, "a draft never opens by itself")
    }

    @Test func localTimesAreReadInTheContestsZoneOnly() {
        #expect(ContestSchedule.instant("2026-03-01 09:00", timeZone: "Mars/Olympus") == nil)
        #expect(ContestSchedule.instant("01.03.2026 09:00", timeZone: "Asia/Vladivostok") == nil)
        #expect(ContestSchedule.instant("2026-03-01T09:00:30", timeZone: "Europe/Moscow") != nil)
    }

    /// «Срок приёма продлён»: until applications close the window may move; once open, only its end,
    /// and never into the past. What a form shows is what it reads back.
    @Test func theWindowMovesUntilApplicationsCloseAndOnceOpenOnlyItsEnd() throws {
        let opens = try #require(ContestSchedule.instant("2026-03-01 09:00", timeZone: "Asia/Vladivostok"))
        let closes = try #require(ContestSchedule.instant("2026-03-20 18:00", timeZone: "Asia/Vladivostok"))
        let later = closes.addingTimeInterval(7 * 86_400)
        let during = opens.addingTimeInterval(3600)
        #expect(ContestPhase.allCases.filter(ContestSchedule.windowEditable) == [.draft, .announced, .applicationsOpen])
        #expect(ContestSchedule.change(edition(.draft, opens: opens, closes: closes), open: opens, close: closes, now: later) == .allowed)
        #expect(ContestSchedule.change(edition(.announced, opens: opens, closes: closes), open: opens, close: later, now: during) == .allowed)
        #expect(
            ContestSchedule.change(edition(.announced, opens: opens, closes: closes), open: opens, close: during, now: later) == .closingInThePast)
        let open = edition(.applicationsOpen, opens: opens, closes: closes)
        #expect(ContestSchedule.change(open, open: opens, close: later, now: during) == .allowed)
        #expect(ContestSchedule.change(open, open: during, close: later, now: during) == .openingHasPassed)
        #expect(ContestSchedule.change(open, open: opens, close: during, now: during) == .closingInThePast)
        #expect(ContestSchedule.field(closes, timeZone: "Asia/Vladivostok") == "2026-03-20 18:00")
        #expect(ContestSchedule.instant(ContestSchedule.field(closes, timeZone: "Asia/Vladivostok"), timeZone: "Asia/Vladivostok") == closes)
    }
}
