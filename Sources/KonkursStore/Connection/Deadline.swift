/// Raised when work does not finish in the time it was given.
public struct DeadlineExceeded: Error, Sendable {}

/// Runs `work`, cancelling it and throwing `DeadlineExceeded` after `timeout`.
public func withDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ work: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
