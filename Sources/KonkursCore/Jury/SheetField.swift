/// One value on a juror's sheet: a criterion's mark, or the penalty on it, in one attempt. A sheet is
/// one juror × application × trial; a trial with several attempts has a section per attempt, and the
/// sheet keeps each value under one key: `criterion` (the first attempt, as sheets always had),
/// `criterion@2`, `penalty:criterion`, `penalty:criterion@2` (ids cannot hold `@` or `:`).
public struct SheetField: Hashable, Sendable {
    public var criterion: String
    public var attempt: Int
    public var isPenalty: Bool

    public init(criterion: String, attempt: Int = 1, isPenalty: Bool = false) {
        self.criterion = criterion
        self.attempt = attempt
        self.isPenalty = isPenalty
    }

    public init?(key: String) {
        var rest = Substring(key)
        isPenalty = rest.hasPrefix("penalty:")
        if isPenalty { rest = rest.dropFirst("penalty:".count) }
        if let at = rest.firstIndex(of: "@") {
            guard let attempt = Int(rest[rest.index(after: at)...]), attempt >= 2 else { return nil }
            self.attempt = attempt
            rest = rest[..<at]
        } else {
            attempt = 1
        }
        guard !rest.isEmpty else { return nil }
        criterion = String(rest)
    }

    public var key: String { (isPenalty ? "penalty:" : "") + criterion + (attempt == 1 ? "" : "@\(attempt)") }

    /// The mark this penalty belongs to.
    public var mark: SheetField { SheetField(criterion: criterion, attempt: attempt) }

    /// Every value a juror's sheet of the trial holds, attempt by attempt, each criterion's mark then
    /// its penalty (when the trial declares one).
    public static func fields(of trial: Trial) -> [SheetField] {
        (1...trial.attempts).flatMap { attempt in
            trial.criteria.flatMap { criterion in
                [SheetField(criterion: criterion.id, attempt: attempt)]
                    + (trial.penalty == nil ? [] : [SheetField(criterion: criterion.id, attempt: attempt, isPenalty: true)])
            }
        }
    }

    /// Why the key names nothing the trial's sheet holds, or nil.
    public func problem(in trial: Trial) -> String? {
        guard trial.criterion(criterion) != nil else { return "Критерия «\(criterion)» нет в испытании «\(trial.title)»" }
        guard attempt <= trial.attempts else { return "В испытании «\(trial.title)» попыток \(trial.attempts), попытки \(attempt) нет" }
        if isPenalty && trial.penalty == nil { return "Испытание «\(trial.title)» не предусматривает штрафов" }
        return nil
    }
}
