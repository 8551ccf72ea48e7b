import KonkursStore
import Synchronization

/// The scoring gate each juror's last save was decided on, per application. Only an expectation:
/// the write re-reads the gate under the stage lock and refuses to write if it reads otherwise
/// (`SheetQueries.save(gate:)`), so a stale entry costs one more round trip, never a wrong write.
/// It spares a juror's run of saves one read each.
final class GateCache: Sendable {
    struct Key: Hashable {
        let userID: Int64
        let applicationID: Int64
    }

    /// Far above a district's jurors × applications; past it the cache starts afresh.
    private static let limit = 50_000
    private let gates = Mutex<[Key: SheetQueries.Gate]>([:])

    subscript(userID: Int64, applicationID: Int64) -> SheetQueries.Gate? {
        get { gates.withLock { $0[Key(userID: userID, applicationID: applicationID)] } }
        set {
            gates.withLock {
                if $0.count >= Self.limit { $0.removeAll(keepingCapacity: true) }
                $0[Key(userID: userID, applicationID: applicationID)] = newValue
            }
        }
    }
}
