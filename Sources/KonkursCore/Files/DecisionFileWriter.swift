/// Writes decisions as the decisions file `DecisionFileParser` reads, in a fixed order and quoting:
/// decisions taken on the pages and the same decisions typed into the file are the same bytes.
public enum DecisionFileWriter {
    public static func write(_ decisions: Decisions) -> String {
        var text = ""
        if !decisions.ties.isEmpty {
            text += "ties:\n"
            for tie in decisions.ties {
                text += "  - nomination: \(quoted(tie.nomination))\n"
                text += "    method: \(tie.method.rawValue)\n"
                text += "    order: [\(tie.order.map(quoted).joined(separator: ", "))]\n"
                if let note = tie.note { text += "    note: \(quoted(note))\n" }
            }
        }
        if !decisions.specialPrizes.isEmpty {
            text += "special_prizes:\n"
            for prize in decisions.specialPrizes {
                text += "  - nomination: \(quoted(prize.nomination))\n"
                text += "    entry: \(quoted(prize.entry))\n"
                text += "    prize: \(quoted(prize.prize))\n"
                if let note = prize.note { text += "    note: \(quoted(note))\n" }
            }
        }
        return text
    }

    /// A YAML double-quoted scalar (the JSON escapes are valid YAML).
    static func quoted(_ text: String) -> String { JSONValue.quoted(text) }
}

extension Decisions {
    /// With this tie decision in place of any earlier one for the same nomination and entries.
    public func recording(_ tie: TieDecision) -> Decisions {
        var copy = self
        copy.ties.removeAll { $0.nomination == tie.nomination && Set($0.order) == Set(tie.order) }
        copy.ties.append(tie)
        return copy
    }

    /// With this prize given in place of any earlier award of the same prize in the nomination.
    public func recording(_ prize: SpecialPrize) -> Decisions {
        var copy = self
        copy.specialPrizes.removeAll { $0.nomination == prize.nomination && $0.prize == prize.prize }
        copy.specialPrizes.append(prize)
        return copy
    }
}
