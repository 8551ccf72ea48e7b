import Foundation
import Testing

@testable import KonkursCore

/// The clock's two rules about appeals, from `result.appeals`.
@Suite struct AppealRulesTests {
    let signed = Date(timeIntervalSince1970: 1_800_000_000)
    var day: TimeInterval { 86_400 }

    @Test func countedFromTheSigningTheResultsWaitForTheWindowAndNothingComesAfterIt() {
        let rules = AppealRules(days: 3)
        let moments = AppealRules.Moments(firstSigning: signed, firstPublication: nil)
        #expect(rules.refusal(ofAppealAt: signed, .init(firstSigning: nil, firstPublication: nil), published: false, timeZone: "UTC") != nil)
        #expect(rules.refusal(ofAppealAt: signed.addingTimeInterval(1), moments, published: false, timeZone: "UTC") == nil)
        #expect(
            rules.refusal(ofAppealAt: signed.addingTimeInterval(3 * day), moments, published: false, timeZone: "UTC")?.hasPrefix(
                "срок подачи апелляций истёк") == true)
        #expect(rules.refusal(ofAppealAt: signed.addingTimeInterval(1), moments, published: true, timeZone: "UTC")?.contains("опубликованы") == true)
        #expect(
            rules.refusal(ofFinalResultsAt: signed.addingTimeInterval(3 * day - 1), moments, timeZone: "UTC")?.contains("идёт срок подачи апелляций")
                == true)
        #expect(rules.refusal(ofFinalResultsAt: signed.addingTimeInterval(3 * day), moments, timeZone: "UTC") == nil)
    }

    @Test func countedFromThePublicationTheResultsDoNotWaitAndAppealsComeAfterIt() {
        let rules = AppealRules(days: 2, from: .publication)
        let unpublished = AppealRules.Moments(firstSigning: signed, firstPublication: nil)
        #expect(rules.refusal(ofFinalResultsAt: signed, unpublished, timeZone: "UTC") == nil)
        #expect(
            rules.refusal(ofAppealAt: signed.addingTimeInterval(1), unpublished, published: false, timeZone: "UTC")
                == "апелляции принимаются после публикации итогов")
        let published = AppealRules.Moments(firstSigning: signed, firstPublication: signed.addingTimeInterval(day))
        #expect(rules.refusal(ofAppealAt: signed.addingTimeInterval(2 * day), published, published: true, timeZone: "UTC") == nil)
        #expect(rules.refusal(ofAppealAt: signed.addingTimeInterval(3 * day), published, published: true, timeZone: "UTC") != nil)
    }

    @Test func theEndOfTheWindowIsToldInTheContestsTime() {
        let rules = AppealRules(days: 1)
        let moments = AppealRules.Moments(firstSigning: Date(timeIntervalSince1970: 0), firstPublication: nil)
        #expect(
            rules.refusal(ofAppealAt: Date(timeIntervalSince1970: 2 * day), moments, published: false, timeZone: "Asia/Vladivostok")
                == "срок подачи апелляций истёк 02.01.1970 10:00 (время конкурса)")
    }
}
