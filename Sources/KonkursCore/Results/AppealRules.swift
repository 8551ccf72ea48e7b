import Foundation

/// The regulation's appeal window (`result.appeals`) and the two rules the clock keeps with it:
/// results become final only when no appeal can still come, and no appeal is taken outside the window.
public struct AppealRules: Sendable, Equatable {
    /// When the window opens.
    public enum Start: String, Sendable, CaseIterable {
        /// At the first signing of a final protocol: results become final after the window.
        case signing
        /// At the first publication: an upheld appeal leads to a correction publication.
        case publication
    }

    public var days: Int
    public var from: Start

    public init(days: Int, from: Start = .signing) {
        self.days = days
        self.from = from
    }

    /// What the window depends on: when the final protocol was first signed and the results first published.
    public struct Moments: Sendable, Equatable {
        public var firstSigning: Date?
        public var firstPublication: Date?

        public init(firstSigning: Date?, firstPublication: Date?) {
            self.firstSigning = firstSigning
            self.firstPublication = firstPublication
        }
    }

    /// The window, once the moment it counts from has come.
    public func window(_ moments: Moments) -> DateInterval? {
        let start = from == .signing ? moments.firstSigning : moments.firstPublication
        return start.map { DateInterval(start: $0, duration: Double(days) * 86_400) }
    }

    /// Why an appeal cannot be filed now, or nil when it can.
    public func refusal(ofAppealAt now: Date, _ moments: Moments, published: Bool, timeZone: String) -> String? {
        guard let window = window(moments) else {
            return from == .signing ? "апелляции принимаются после подписания итогового протокола" : "апелляции принимаются после публикации итогов"
        }
        if from == .signing && published { return "итоги опубликованы: апелляции по ним больше не принимаются" }
        if now < window.start { return "срок подачи апелляций ещё не начался" }
        if now >= window.end { return "срок подачи апелляций истёк \(LocalMoment.text(window.end, timeZone: timeZone)) (время конкурса)" }
        return nil
    }

    /// Why the results cannot become final (or be approved or published) now, or nil when they can.
    public func refusal(ofFinalResultsAt now: Date, _ moments: Moments, timeZone: String) -> String? {
        guard from == .signing, let window = window(moments), now < window.end else { return nil }
        return "идёт срок подачи апелляций (до \(LocalMoment.text(window.end, timeZone: timeZone))): итоги становятся окончательными после него"
    }
}
