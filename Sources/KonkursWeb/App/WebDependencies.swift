import KonkursService
import Logging
import Prometheus

/// What the web door needs from the layers below; the CLI builds it at start, tests build their own.
public struct WebDependencies: Sendable {
    public let services: KonkursServices
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger
    /// True behind TLS: cookies get `Secure`.
    public let secureCookies: Bool
    /// The reverse proxies in front (nginx): their `X-Forwarded-For` names the client.
    public let trustedProxies: TrustedProxies

    public init(
        services: KonkursServices, metrics: PrometheusCollectorRegistry, logger: Logger, secureCookies: Bool = false,
        trustedProxies: TrustedProxies = .none
    ) {
        self.services = services
        self.metrics = metrics
        self.logger = logger
        self.secureCookies = secureCookies
        self.trustedProxies = trustedProxies
    }
}
