import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// The decisions a protocol needs from people, taken on the secretary's results page: a tie the
/// regulation leaves to the chair's casting vote or to a jury vote, a special prize, an audience
/// vote. Each is checked against the protocol as computed now (only entries that are really tied,
/// only declared prizes), written into the edition's decisions file with who and when, and audited;
/// the file stays the CLI's door (`results decisions`).
extension ContestResults {
    public struct DecisionsNeeded: Sendable {
        public struct Entry: Sendable, Equatable {
            public let id: String
            public let name: String
        }

        public struct Tie: Sendable {
            public let nomination: String
            public let nominationTitle: String
            public let method: TieRule.Decision
            public let entries: [Entry]
        }

        public struct Prizes: Sendable {
            public let nomination: String
            public let nominationTitle: String
            public let prizes: [String]
            public let entries: [Entry]
        }

        public let ties: [Tie]
        public let prizes: [Prizes]
        public let recorded: Decisions
        /// Every nomination's title by id, for naming the recorded decisions.
        public let nominationTitles: [String: String]
    }

    public func decisionsNeeded(_ origin: RequestOrigin, contestID: Int64) async throws -> DecisionsNeeded {
        _ = try origin.authorize(.viewScoring, .registry)
        let files = try await inputs(origin, contestID: contestID)
        let (document, regulation) = try OfflineResults.protocolDocument(files)
        let recorded = try files.decisions.map { try DecisionFileParser.parse(String(decoding: $0.bytes, as: UTF8.self), file: $0.name) } ?? .none
        var ties: [DecisionsNeeded.Tie] = []
        var prizes: [DecisionsNeeded.Prizes] = []
        for nomination in document.nominations {
            let names = Dictionary(nomination.entries.map { ($0.entry, $0.name) }, uniquingKeysWith: { first, _ in first })
            for record in nomination.tieBreaks where record.outcome == .pending {
                guard let method = TieRule.Decision(rawValue: String(record.rule.dropFirst("decision ".count))) else { continue }
                ties.append(
                    .init(
                        nomination: nomination.id, nominationTitle: nomination.title, method: method,
                        entries: record.entries.map { .init(id: $0, name: names[$0] ?? $0) }))
            }
            let declared = regulation.nomination(nomination.id)?.awards.specialPrizes ?? []
            if !declared.isEmpty {
                prizes.append(
                    .init(
                        nomination: nomination.id, nominationTitle: nomination.title, prizes: declared,
                        entries: nomination.entries.filter { $0.status == .ok }.map { .init(id: $0.entry, name: $0.name) }))
            }
        }
        return DecisionsNeeded(
            ties: ties, prizes: prizes, recorded: recorded,
            nominationTitles: Dictionary(uniqueKeysWithValues: regulation.nominations.map { ($0.id, $0.title) }))
    }

    /// Decides a pending tie. `values` per tied entry: for the chair, the place each gets by the
    /// casting vote (1, 2, …); for a jury vote, the votes each received (all different).
    public func decideTie(
        _ origin: RequestOrigin, contestID: Int64, nomination: String, method: TieRule.Decision, values: [String: Int]
    ) async throws {
        let actor = try origin.authorize(.manageJury, .registry)
        let needed = try await decisionsNeeded(origin, contestID: contestID)
        guard
            let tie = needed.ties.first(where: { $0.nomination == nomination && $0.method == method && Set($0.entries.map(\.id)) == Set(values.keys) }
            )
        else {
            throw InvalidInput([
                .init(
                    field: "entries", message: "Эти участники не делят место, ожидающее такого решения: решение не нужно или названы не те участники")
            ])
        }
        let ids = tie.entries.map(\.id)
        let order: [String]
        let how: String
        switch method {
        case .chair:
            guard Set(values.values) == Set(1...ids.count) else {
                throw InvalidInput([
                    .init(
                        field: "values", message: "Укажите каждому участнику своё место по решению председателя: от 1 до \(ids.count), без повторов")
                ])
            }
            order = ids.sorted { values[$0]! < values[$1]! }
            how = "решающий голос председателя жюри"
        case .juryVote:
            guard values.values.allSatisfy({ $0 >= 0 }), Set(values.values).count == ids.count else {
                throw InvalidInput([
                    .init(field: "values", message: "Голоса разделились поровну или не указаны: голосование не решает место, проведите его снова")
                ])
            }
            order = ids.sorted { values[$0]! > values[$1]! }
            how = "голосование жюри: " + order.map { "\($0) — \(values[$0]!)" }.joined(separator: ", ")
        }
        let note = try await signed(how, actor: actor, contestID: contestID)
        try await record(
            origin, contestID: contestID, needed.recorded.recording(.init(nomination: nomination, order: order, method: method, note: note)),
            details: ["nomination": nomination, "tie": order.joined(separator: " > "), "note": note])
    }

    /// Gives a declared special prize: to the entry named, or by an audience vote's tally to the
    /// entry with the most votes (a tie in the tally decides nothing).
    public func awardPrize(
        _ origin: RequestOrigin, contestID: Int64, nomination: String, prize: String, entry: String?, tally: [String: Int] = [:]
    ) async throws {
        let actor = try origin.authorize(.manageJury, .registry)
        let needed = try await decisionsNeeded(origin, contestID: contestID)
        guard let declared = needed.prizes.first(where: { $0.nomination == nomination }), declared.prizes.contains(prize) else {
            throw InvalidInput([.init(field: "prize", message: "Приз «\(prize)» не объявлен положением в этой номинации")])
        }
        let known = Set(declared.entries.map(\.id))
        let winner: String
        let how: String
        if let entry {
            guard known.contains(entry) else { throw InvalidInput([.init(field: "entry", message: "Участник «\(entry)» не участвует в номинации")]) }
            winner = entry
            how = "решение жюри"
        } else {
            let counted = tally.filter { $0.value > 0 }
            guard let most = counted.values.max(), counted.keys.allSatisfy(known.contains) else {
                throw InvalidInput([.init(field: "tally", message: "Внесите число голосов зрителей хотя бы за одного участника номинации")])
            }
            let leaders = counted.filter { $0.value == most }.map(\.key)
            guard leaders.count == 1 else {
                throw InvalidInput([
                    .init(
                        field: "tally",
                        message: "Больше всего голосов поровну у \(leaders.sorted().joined(separator: ", ")): голосование не называет победителя")
                ])
            }
            winner = leaders[0]
            how =
                "зрительское голосование: "
                + counted.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) — \($0.value)" }.joined(separator: ", ")
        }
        let note = try await signed(how, actor: actor, contestID: contestID)
        try await record(
            origin, contestID: contestID, needed.recorded.recording(.init(nomination: nomination, entry: winner, prize: prize, note: note)),
            details: ["nomination": nomination, "prize": prize, "entry": winner, "note": note])
    }

    /// "решающий голос председателя жюри; внесла Иванова А. П., 02.12.2026 10:15".
    private func signed(_ how: String, actor: Actor, contestID: Int64) async throws -> String {
        let (name, zone) = try await database.read { connection in
            let user = try await UserQueries.find(connection, login: actor.login, logger: database.logger)
            let contest = try await ContestQueries.find(connection, id: contestID, logger: database.logger)
            return (user?.fullName ?? actor.login, contest?.timeZone ?? "UTC")
        }
        return "\(how); внесено: \(name), \(LocalMoment.text(Date(), timeZone: zone))"
    }

    private func record(_ origin: RequestOrigin, contestID: Int64, _ decisions: Decisions, details: [String: String]) async throws {
        try await recordDecisions(origin, contestID: contestID, text: DecisionFileWriter.write(decisions), details: details)
    }
}
