import Foundation
import KonkursStore
import Testing

/// Work that never answers (a query on a dead connection) must not hold its caller past the deadline.
@Suite struct DeadlineTests {
    @Test func workThatFinishesInTimeGivesItsResultOrItsError() async throws {
        #expect(try await withDeadline(.seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) { try await withDeadline(.seconds(5)) { () async throws -> Int in throw CancellationError() } }
    }

    @Test func workThatIgnoresCancellationIsLeftBehindAfterTheDeadline() async throws {
        let started = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            // Ignores cancellation on purpose (for 5 s), as a query on a dead connection may.
            try await withDeadline(.milliseconds(100)) { () async throws -> Int in
                for _ in 0..<250 { try? await Task.sleep(for: .milliseconds(20)) }
                return 0
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
