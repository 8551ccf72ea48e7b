import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// The jury's decisions on the results page: a tie left to the chair's casting vote or a jury vote,
/// a special prize given by the jury or by an audience vote's tally.
extension ResultsAdminPagesController {
    struct DecisionsView {
        struct Tie {
            let nomination: String
            let title: String
            let method: String
            let question: String
            let entries: [Entry]
        }

        struct Prizes {
            let nomination: String
            let title: String
            let prizes: [ApplicationForm.Option]
            let entries: [Entry]
        }

        struct Entry {
            let id: String
            let name: String
        }

        let ties: [Tie]
        let prizes: [Prizes]
        let recorded: [String]
        /// Stored, not computed: the templates see stored properties only.
        let any: Bool

        init(ties: [Tie], prizes: [Prizes], recorded: [String]) {
            self.ties = ties
            self.prizes = prizes
            self.recorded = recorded
            any = !ties.isEmpty || !prizes.isEmpty || !recorded.isEmpty
        }

        static let none = DecisionsView(ties: [], prizes: [], recorded: [])
    }

    func decisionsView(_ context: AppRequestContext, contest: ContestEdition?) async throws -> DecisionsView {
        guard let contest, contest.phase.hasScores, context.origin.allows(.manageJury, .registry) else { return .none }
        let needed = try await services.results.decisionsNeeded(context.origin, contestID: contest.id)
        let entry = { (entry: ContestResults.DecisionsNeeded.Entry) in DecisionsView.Entry(id: entry.id, name: "№\(entry.id) \(entry.name)") }
        return DecisionsView(
            ties: needed.ties.map { tie in
                DecisionsView.Tie(
                    nomination: tie.nomination, title: tie.nominationTitle, method: tie.method.rawValue,
                    question: tie.method == .chair
                        ? "Место по решающему голосу председателя жюри (1 — выше)" : "Голосов членов жюри за участника",
                    entries: tie.entries.map(entry))
            },
            prizes: needed.prizes.map { group in
                DecisionsView.Prizes(
                    nomination: group.nomination, title: group.nominationTitle,
                    prizes: group.prizes.map { .init(code: $0, title: $0, selected: false) }, entries: group.entries.map(entry))
            },
            recorded: needed.recorded.ties.map {
                "«\(needed.nominationTitles[$0.nomination] ?? $0.nomination)»: \($0.order.map { "№\($0)" }.joined(separator: " выше ")) — \($0.note ?? "")"
            }
                + needed.recorded.specialPrizes.map { "«\($0.prize)» — №\($0.entry)\($0.note.map { "; \($0)" } ?? "")" })
    }

    /// The chair's casting vote or a jury vote on a tie.
    @Sendable func decideTie(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            guard let method = TieRule.Decision(rawValue: form["method"]) else {
                throw InvalidInput([.init(field: "method", message: "Не указано, чьё это решение")])
            }
            let values = try Self.numbers(form["entries"], form: form, field: "value_")
            try await services.results.decideTie(context.origin, contestID: contest, nomination: form["nomination"], method: method, values: values)
        }
    }

    /// A special prize by the jury's decision or by an audience vote's tally.
    @Sendable func awardPrize(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let contest = try context.parameters.id("contest")
        let form = try await FormFields(request)
        try requireCSRF(form, context)
        return try await act(context, contest) {
            let byAudience = form["way"] == "audience"
            try await services.results.awardPrize(
                context.origin, contestID: contest, nomination: form["nomination"], prize: form["prize"],
                entry: byAudience ? nil : form["entry"],
                tally: byAudience ? try Self.numbers(form["entries"], form: form, field: "votes_", blank: true) : [:])
        }
    }

    /// Whole numbers typed per entry (`field` + entry id); `blank` lets an entry be left empty.
    static func numbers(_ entries: String, form: FormFields, field: String, blank: Bool = false) throws -> [String: Int] {
        var values: [String: Int] = [:]
        for entry in entries.split(separator: " ").map(String.init) {
            let text = form[field + entry].trimmingSpaces
            if text.isEmpty && blank { continue }
            guard let value = Int(text), value >= 0 else {
                throw InvalidInput([.init(field: field + entry, message: "Участник №\(entry): «\(text)» — нужно целое неотрицательное число")])
            }
            values[entry] = value
        }
        return values
    }
}
