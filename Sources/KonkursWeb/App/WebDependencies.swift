import KonkursService
import Logging
import Prometheus

/// What the web door needs from the layers below; the CLI builds it at start, tests build their own.
public struct WebDependencies: Sendable {
    public let status: SystemStatus
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger

    public init(status: SystemStatus, metrics: PrometheusCollectorRegistry, logger: Logger) {
        self.status = status
        self.metrics = metrics
        self.logger = logger
    }
}
