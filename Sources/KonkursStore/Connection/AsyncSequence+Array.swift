extension AsyncSequence where Self: Sendable {
    /// Every element, in order (for result sets known to be small).
    public func array() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}
