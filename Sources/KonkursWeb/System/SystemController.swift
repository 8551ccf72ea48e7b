import HTTPTypes
import Hummingbird
import KonkursService
import NIOCore
import Prometheus

/// Operator endpoints: liveness, readiness and Prometheus metrics.
struct SystemController {
    let status: SystemStatus
    let metrics: PrometheusCollectorRegistry

    struct Health: ResponseEncodable {
        let status: String
    }

    func addRoutes(to routes: Routes) {
        routes.get("/health", use: health)
        routes.get("/ready", use: ready)
        routes.get("/metrics", use: metricsText)
    }

    /// The process answers (nothing else is asked).
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Health {
        Health(status: "ok")
    }

    /// The database answers (503 otherwise); recovers by itself.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Health> {
        switch await status.readiness() {
        case .ready:
            return EditedResponse(status: .ok, response: Health(status: "ready"))
        case .databaseUnavailable:
            return EditedResponse(status: .serviceUnavailable, response: Health(status: "database_unavailable"))
        }
    }

    /// The Prometheus text of every metric.
    @Sendable func metricsText(_ request: Request, context: AppRequestContext) async throws -> Response {
        var bytes: [UInt8] = []
        metrics.emit(into: &bytes)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
