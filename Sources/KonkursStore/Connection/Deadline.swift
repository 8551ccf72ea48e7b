import Synchronization

/// Raised when work does not finish in the time it was given.
public struct DeadlineExceeded: Error, Sendable {}

/// Runs `work` in a task of its own and returns its result, or throws `DeadlineExceeded` after
/// `timeout`, cancelling the task. The caller never waits longer than `timeout`: a task that ignores
/// the cancellation is left behind, not awaited. (A PostgresNIO 1.33.2 query on a connection that
/// died under load never returned nor honoured cancellation; awaiting it would hang a request and
/// the service's shutdown. Found by `Tests/E2E/test_faults.py`.)
public func withDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ work: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let race = Race<Result>()
    return try await withCheckedThrowingContinuation { continuation in
        race.begin(continuation)
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }  // cancelled: the work finished first
            if race.finish(.failure(DeadlineExceeded())) { race.cancelWorker() }
        }
        race.setWorker(
            Task {
                do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
                timer.cancel()
            })
    }
}

/// Who answers first: the work or the timer. The continuation is resumed exactly once.
private final class Race<Result: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Result, any Error>?, worker: Task<Void, Never>?)>((nil, nil))

    func begin(_ continuation: CheckedContinuation<Result, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func setWorker(_ task: Task<Void, Never>) {
        state.withLock { $0.worker = task }
    }

    @discardableResult
    func finish(_ result: Swift.Result<Result, any Error>) -> Bool {
        let continuation = state.withLock { current in
            defer { current.continuation = nil }
            return current.continuation
        }
        continuation?.resume(with: result)
        return continuation != nil
    }

    func cancelWorker() {
        state.withLock { $0.worker }?.cancel()
    }
}
