import Foundation

/// A contest edition created from a regulation: what the department runs and the public sees.
public struct ContestEdition: Sendable, Equatable {
    public let id: Int64
    public let title: String
    public let edition: String
    public let timeZone: String
    public var phase: ContestPhase
    public var applicationsOpenAt: Date?
    public var applicationsCloseAt: Date?
    /// The regulation file as uploaded, and its SHA-256.
    public let regulationText: String
    public let regulationDigest: String
    /// Nominations found not held, with why (their entries against the regulation's minimum).
    public var notHeld: [String: String]
    /// The stage being scored or last scored (nil before the first).
    public var currentStage: String?

    public init(
        id: Int64, title: String, edition: String, timeZone: String, phase: ContestPhase, applicationsOpenAt: Date?, applicationsCloseAt: Date?,
        regulationText: String, regulationDigest: String, notHeld: [String: String] = [:], currentStage: String? = nil
    ) {
        self.notHeld = notHeld
        self.currentStage = currentStage
        self.id = id
        self.title = title
        self.edition = edition
        self.timeZone = timeZone
        self.phase = phase
        self.applicationsOpenAt = applicationsOpenAt
        self.applicationsCloseAt = applicationsCloseAt
        self.regulationText = regulationText
        self.regulationDigest = regulationDigest
    }
}

extension ContestEdition {
    /// The stage being scored, or the first one before scoring starts (where assignments go).
    public func stage(in regulation: Regulation) -> String {
        currentStage ?? regulation.stages.first?.id ?? ""
    }
}

/// Which nominations cannot be held: fewer entries than the regulation's minimum.
public enum NominationsHeld {
    public static func notHeld(_ regulation: Regulation, entries: [String: Int], counted: String) -> [String: String] {
        var result: [String: String] = [:]
        for nomination in regulation.nominations where nomination.places {
            let count = entries[nomination.id] ?? 0
            if count < nomination.minimumEntrants {
                result[nomination.id] = "не проводится: \(counted) \(count), положение требует не менее \(nomination.minimumEntrants)"
            }
        }
        return result
    }
}

/// Opening and closing applications at the declared instants, and reading those instants as the
/// department writes them: local time in the contest's zone.
public enum ContestSchedule {
    /// The phase the clock moves an edition to now, if any: announced → applications open at the
    /// opening instant, applications open → closed at the closing instant (late is late: the instant
    /// itself is already closed).
    public static func due(_ edition: ContestEdition, now: Date) -> ContestPhase? {
        switch edition.phase {
        case .announced:
            // Past both instants, the next tick closes what this one opens: each change is audited.
            if let open = edition.applicationsOpenAt, now >= open { return .applicationsOpen }
        case .applicationsOpen:
            if let close = edition.applicationsCloseAt, now >= close { return .applicationsClosed }
        default:
            break
        }
        return nil
    }

    /// Whether the application window may still change: until applications close.
    public static func windowEditable(_ phase: ContestPhase) -> Bool {
        [.draft, .announced, .applicationsOpen].contains(phase)
    }

    /// What may happen to an editable window now. A draft or an announced edition may get any
    /// window; while applications are open only the closing instant moves (the usual «срок приёма
    /// продлён»), and not into the past.
    public enum Change: Equatable, Sendable {
        case allowed
        case openingHasPassed
        case closingInThePast
    }

    public static func change(_ edition: ContestEdition, open: Date, close: Date, now: Date) -> Change {
        if edition.phase == .draft { return .allowed }
        if edition.phase == .applicationsOpen && open != edition.applicationsOpenAt { return .openingHasPassed }
        return close > now ? .allowed : .closingInThePast
    }

    /// "2026-03-01 09:00" (or with seconds) in `timeZone` → the instant.
    public static func instant(_ text: String, timeZone: String) -> Date? {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingSpaces) { return date }
        }
        return nil
    }

    /// The instant as a form field holds it: local time in `timeZone`, the way `instant` reads it back.
    public static func field(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The instant as local time in `timeZone`, for pages.
    public static func local(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "ru_RU")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .current
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
        return formatter.string(from: date) + " (\(timeZone))"
    }
}

extension ContestEdition {
    /// The chain its regulation declares (an unreadable regulation cannot be stored, so jury is only a fallback).
    public var chain: EventRules.Chain { (try? RegulationParser.parse(regulationText, file: "regulation.yaml"))?.chain ?? .jury }

    /// The phases it may move to next, by its regulation's chain.
    public var nextPhases: [ContestPhase] { phase.next(chain) }
}
