/// Marks grouped by (trial, entry, attempt) with a counting sort: one pass to count, one to place,
/// so 5 million marks group in linear time without hashing each one.
struct MarkGroups {
    private let order: [Int32]
    private let starts: [Int32]
    private let entryCount: Int
    private let maxAttempts: Int
    let marks: [ScoreInput.Mark]

    init(marks: [ScoreInput.Mark], trialCount: Int, entryCount: Int, maxAttempts: Int) {
        self.marks = marks
        self.entryCount = entryCount
        self.maxAttempts = maxAttempts
        let groupCount = trialCount * entryCount * maxAttempts
        var counts = [Int32](repeating: 0, count: groupCount + 1)
        for mark in marks {
            counts[Self.slot(mark, entryCount, maxAttempts) + 1] += 1
        }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        starts = counts
        var next = counts
        var order = [Int32](repeating: 0, count: marks.count)
        for (index, mark) in marks.enumerated() {
            let slot = Self.slot(mark, entryCount, maxAttempts)
            order[Int(next[slot])] = Int32(index)
            next[slot] += 1
        }
        self.order = order
    }

    private static func slot(_ mark: ScoreInput.Mark, _ entryCount: Int, _ maxAttempts: Int) -> Int {
        (Int(mark.trial) * entryCount + Int(mark.entry)) * maxAttempts + Int(mark.attempt) - 1
    }

    /// The marks of one attempt, in input order.
    func marks(trial: Int, entry: Int, attempt: Int) -> LazyMapSequence<ArraySlice<Int32>, ScoreInput.Mark> {
        let slot = (trial * entryCount + entry) * maxAttempts + attempt - 1
        guard attempt >= 1, attempt <= maxAttempts else { return order[0..<0].lazy.map { self.marks[Int($0)] } }
        return order[Int(starts[slot])..<Int(starts[slot + 1])].lazy.map { self.marks[Int($0)] }
    }
}
