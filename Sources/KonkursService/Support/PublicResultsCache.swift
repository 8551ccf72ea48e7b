import Foundation
import KonkursCore
import KonkursStore
import Synchronization

/// The public results of each edition as last read, for at most `lifetime`: the public page is the one
/// everybody opens when results come out. A change made through this process (a publication
/// confirmed, a consent withdrawn) drops the entry at once; another instance sees it within `lifetime`.
final class PublicResultsCache: Sendable {
    private let entries = Mutex<[Int64: (publication: Publication?, read: ContinuousClock.Instant)]>([:])
    let lifetime: Duration

    init(lifetime: Duration = .seconds(1)) {
        self.lifetime = lifetime
    }

    func publication(contestID: Int64, read: () async throws -> Publication?) async throws -> Publication? {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[contestID] }), now - entry.read < lifetime { return entry.publication }
        let publication = try await read()
        entries.withLock { $0[contestID] = (publication, now) }
        return publication
    }

    func invalidate(contestID: Int64) {
        _ = entries.withLock { $0.removeValue(forKey: contestID) }
    }
}
