import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO
import ServiceLifecycle

/// Opens and closes applications at their declared instants, checking every 30 seconds.
public struct ContestScheduler: Service {
    let contests: ContestService
    let interval: Duration

    public init(contests: ContestService, interval: Duration = .seconds(30)) {
        self.contests = contests
        self.interval = interval
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await contests.applySchedule()
                    } catch {
                        // Shutting down (or never started: the port was taken) cancels queries: nothing to report.
                        if Task.isCancelled { return }
                        contests.database.logger.warning("Не удалось применить расписание конкурсов", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
    }
}
