import Foundation
import KonkursCore
import KonkursStore
import Logging
import ServiceLifecycle

/// Seals committed audit entries shortly after they commit, once a second, until shutdown.
public struct AuditSealer: Service {
    let audit: AuditService
    let interval: Duration

    public init(audit: AuditService, interval: Duration = .seconds(1)) {
        self.audit = audit
        self.interval = interval
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await sealLogged()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
        // What committed before shutdown is sealed now (outside the cancelled task), not at the next start.
        await Task.detached { [self] in await sealLogged() }.value
    }

    private func sealLogged() async {
        do {
            try await audit.sealAll()
        } catch {
            if Task.isCancelled || error is CancellationError { return }
            audit.database.logger.warning("Не удалось запечатать записи журнала аудита", metadata: ["error": "\(error)"])
        }
    }
}
