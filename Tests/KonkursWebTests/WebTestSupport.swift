import Hummingbird
import HummingbirdTesting
import KonkursService
import KonkursStore
import KonkursTesting
import Logging
import Prometheus

@testable import KonkursWeb

/// Runs `test` against the real router backed by `database`, without opening a socket.
func withApp<Result: Sendable>(
    database: Database,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Result
) async throws -> Result {
    let services = KonkursServices(database: database, hasher: PasswordHasher(cost: 4))
    let dependencies = WebDependencies(services: services, metrics: metrics, logger: TestCluster.logger)
    let app = Application(router: try await buildRouter(dependencies: dependencies), logger: TestCluster.logger)
    return try await app.test(.router, test)
}
