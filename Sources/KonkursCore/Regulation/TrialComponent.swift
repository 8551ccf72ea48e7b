/// A value an attempt's score takes besides the jurors' marks, declared by the trial: a factor (the
/// difficulty), a penalty on a mark, extra points, or a named extra (a speed bonus, a deduction).
/// Each has one person who enters it; nothing undeclared is accepted from any door.
public struct TrialComponent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Multiplies the attempt's score; one per attempt.
        case factor
        /// Subtracted from one juror's mark on one criterion; entered by that juror.
        case penalty
        /// Added to the attempt's score; one per attempt (`extra`, or `extra:NAME` when named).
        case extra
    }

    /// Who enters the value. A penalty belongs to a juror's mark; the attempt's own values are
    /// entered by the secretary (from the protocol of the trial) or by the panel's chair.
    public enum Enterer: String, Sendable, CaseIterable {
        case juror, secretary, chair

        public var title: String {
            switch self {
            case .juror: "член жюри"
            case .secretary: "секретарь"
            case .chair: "председатель жюри"
            }
        }
    }

    public var kind: Kind
    /// The extra's name (`extra:NAME`, and the tie rule `component: NAME`); nil for the others.
    public var name: String?
    public var title: String
    public var enteredBy: Enterer
    public var minimum: Rational?
    public var maximum: Rational?

    public init(kind: Kind, name: String? = nil, title: String, enteredBy: Enterer, minimum: Rational? = nil, maximum: Rational? = nil) {
        self.kind = kind
        self.name = name
        self.title = title
        self.enteredBy = enteredBy
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The column of the offline score file that carries it.
    public var column: String {
        if kind == .extra, let name { return "extra:\(name)" }
        return kind.rawValue
    }

    /// The columns a score file may have for components.
    public static func isColumn(_ name: String) -> Bool {
        name == "factor" || name == "penalty" || name == "extra" || name.hasPrefix("extra:")
    }

    /// The value typed for it, or why it is refused.
    public func value(_ text: String) throws(InvalidInput) -> Rational {
        let typed = text.trimmingSpaces.replacingAll(",", with: ".")
        guard let value = DecimalText.parse(typed), ScoreInput.Mark.units(value) != nil else {
            throw InvalidInput([.init(field: column, message: "«\(title)»: «\(text)» — не число (не больше шести знаков после запятой)")])
        }
        if let problem = rangeProblem(value) { throw InvalidInput([.init(field: column, message: "«\(title)»: \(problem)")]) }
        return value
    }

    /// Why a value is outside the declared range, or nil.
    public func rangeProblem(_ value: Rational) -> String? {
        let shown = DecimalText.exact(value) ?? ""
        if let minimum, value < minimum { return "\(shown) меньше допустимого \(DecimalText.exact(minimum) ?? "")" }
        if let maximum, value > maximum { return "\(shown) больше допустимого \(DecimalText.exact(maximum) ?? "")" }
        return nil
    }
}

extension Trial {
    /// The component carried by a score file column, if the trial declares it.
    public func component(column: String) -> TrialComponent? { components.first { $0.column == column } }

    /// The trial's penalty on marks, when it declares one.
    public var penalty: TrialComponent? { components.first { $0.kind == .penalty } }

    /// The components of a whole attempt (factor and extras), in declaration order.
    public var attemptComponents: [TrialComponent] { components.filter { $0.kind != .penalty } }
}
