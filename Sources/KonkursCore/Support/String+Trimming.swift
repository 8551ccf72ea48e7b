extension StringProtocol {
    /// Without the whitespace (spaces, tabs, line breaks) around it: how every typed value is read.
    public var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
