/// Why a protocol could not be computed.
public enum ScoringError: ActionableError, Equatable {
    case overflow(context: String)
    case incompleteRanking(trial: String, nomination: String, juror: String, missing: [String])
    case unknownSpecialPrize(nomination: String, entry: String, prize: String)
    case unknownDecisionEntry(nomination: String, entry: String)

    public var message: String {
        switch self {
        case .overflow(let context):
            "переполнение при точном счёте (\(context)); проверьте масштаб баллов и коэффициентов"
        case .incompleteRanking(let trial, let nomination, let juror, let missing):
            "испытание «\(trial)» (номинация «\(nomination)») оценивается по местам, но член жюри «\(juror)» "
                + "не оценил: \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? " …" : "")"
        case .unknownSpecialPrize(let nomination, let entry, let prize):
            "специальный приз «\(prize)» для «\(entry)» не предусмотрен положением в номинации «\(nomination)»"
        case .unknownDecisionEntry(let nomination, let entry):
            "в решениях указан участник «\(entry)», которого нет в номинации «\(nomination)»"
        }
    }
}
