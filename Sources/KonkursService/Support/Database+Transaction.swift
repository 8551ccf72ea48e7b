import Foundation
import KonkursStore
import PostgresNIO
import Synchronization

extension Database {
    /// How long a transaction may take before its request is answered with an error regardless.
    static let transactionLimit: Duration = .seconds(60)

    /// Runs `body` in one transaction; what it throws arrives as thrown (not wrapped by PostgresNIO),
    /// so the doors can map domain errors. A transaction caught by a PostgreSQL crash can wait forever
    /// on its dead connection (seen with PostgresNIO 1.33.2 under load, `Tests/E2E/test_faults.py`):
    /// after `transactionLimit` it is cancelled and its caller gets `DatabaseUnavailable`, so no request
    /// hangs and the service can still shut down.
    func transaction<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let (client, logger) = (client, logger)
        return try await abandoning(after: Self.transactionLimit) {
            do {
                return try await client.withTransaction(logger: logger) { try await body($0) }
            } catch {
                throw error.unwrappingTransactionError
            }
        }
    }
}

/// The database did not answer in time; nothing of the request was committed by Konkurs's account.
public struct DatabaseUnavailable: Error, Sendable {}

/// Runs `work` in a task of its own and returns its result, or throws `DatabaseUnavailable` after
/// `limit` (cancelling the task; if it ignores the cancellation it is left behind, not awaited).
func abandoning<Result: Sendable>(after limit: Duration, _ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
    let race = Race<Result>()
    return try await withCheckedThrowingContinuation { continuation in
        race.begin(continuation)
        let timer = Task {
            guard (try? await Task.sleep(for: limit)) != nil else { return }  // cancelled: the work finished first
            if race.finish(.failure(DatabaseUnavailable())) { race.cancelWorker() }
        }
        race.setWorker(Task {
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
