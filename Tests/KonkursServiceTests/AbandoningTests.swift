import Foundation
import Testing

@testable import KonkursService

/// A transaction that never answers must not hold its request (and the service's shutdown) forever.
@Suite struct AbandoningTests {
    @Test func workThatFinishesInTimeGivesItsResultOrItsError() async throws {
        #expect(try await abandoning(after: .seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) { try await abandoning(after: .seconds(5)) { throw CancellationError() } }
    }

    @Test func workThatNeverAnswersIsAbandonedAfterTheLimit() async throws {
        let started = ContinuousClock.now
        await #expect(throws: DatabaseUnavailable.self) {
            // Ignores cancellation on purpose (for 5 s), as a query on a dead connection may.
            try await abandoning(after: .milliseconds(100)) { () async throws -> Int in
                for _ in 0..<250 { try? await Task.sleep(for: .milliseconds(20)) }
                return 0
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
