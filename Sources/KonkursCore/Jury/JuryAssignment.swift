/// Who scores which application: every application gets the regulation's number of jurors, never a
/// conflicted one, the load spread as evenly as the conflicts allow, the same plan for the same input.
public enum JuryAssignment {
    public struct Pair: Hashable, Sendable {
        public let application: Int64
        public let juror: Int64

        public init(application: Int64, juror: Int64) {
            self.application = application
            self.juror = juror
        }
    }

    public struct Plan: Sendable, Equatable {
        public var added: [Pair]
        /// Applications that could not get enough jurors: how many are missing.
        public var shortages: [Int64: Int]

        public init(added: [Pair], shortages: [Int64: Int]) {
            self.added = added
            self.shortages = shortages
        }
    }

    /// Adds to `existing` until each application has `perApplication` jurors. Applications with the
    /// fewest possible jurors are served first; among the possible jurors the least loaded (then the
    /// lowest id) is taken.
    public static func plan(applications: [Int64], jurors: [Int64], conflicts: Set<Pair>, existing: Set<Pair>, perApplication: Int) -> Plan {
        var load: [Int64: Int] = Dictionary(uniqueKeysWithValues: jurors.map { ($0, 0) })
        for pair in existing where load[pair.juror] != nil { load[pair.juror, default: 0] += 1 }
        let jurorSet = Set(jurors)
        func assigned(_ application: Int64) -> Set<Int64> {
            Set(existing.filter { $0.application == application && jurorSet.contains($0.juror) }.map(\.juror))
        }
        func possible(_ application: Int64) -> [Int64] {
            let taken = assigned(application)
            return jurors.filter { !taken.contains($0) && !conflicts.contains(Pair(application: application, juror: $0)) }
        }
        let order = applications.sorted { (possible($0).count, $0) < (possible($1).count, $1) }
        var added: [Pair] = []
        var shortages: [Int64: Int] = [:]
        for application in order {
            let need = perApplication - assigned(application).count
            guard need > 0 else { continue }
            let chosen = possible(application).sorted { (load[$0]!, $0) < (load[$1]!, $1) }.prefix(need)
            for juror in chosen {
                load[juror]! += 1
                added.append(Pair(application: application, juror: juror))
            }
            if chosen.count < need { shortages[application] = need - chosen.count }
        }
        return Plan(added: added.sorted { ($0.application, $0.juror) < ($1.application, $1.juror) }, shortages: shortages)
    }
}
