import KonkursCore
import Synchronization

/// Parsed regulations by their SHA-256: a stored regulation never changes, so a mark's write does
/// not parse YAML again.
final class RegulationCache: Sendable {
    private let parsed = Mutex<[String: Regulation]>([:])

    func regulation(digest: String, text: () async throws -> String) async throws -> Regulation {
        if let known = parsed.withLock({ $0[digest] }) { return known }
        let regulation = try RegulationParser.parse(try await text(), file: "regulation.yaml")
        parsed.withLock { $0[digest] = regulation }
        return regulation
    }
}
