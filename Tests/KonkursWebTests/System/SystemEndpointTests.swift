import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursService
import KonkursStore
import KonkursTesting
import Prometheus
import Testing

@Suite struct SystemEndpointTests {
    @Test func healthAnswersWhileTheProcessLives() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                }
            }
        }
    }

    @Test func readinessFollowsTheDatabaseAndRecoversByItself() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("konkurs-ready-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cluster = try EmbeddedPostgres(dataDirectory: folder + "/pgdata", settings: ["fsync=off"])
        try await cluster.start(logger: TestCluster.logger)
        try await cluster.withClient(database: "postgres", logger: TestCluster.logger) { client in
            let database = Database(client: client, logger: TestCluster.logger, description: "кластер теста")
            try await withApp(services: KonkursServices(database: database, hasher: PasswordHasher(cost: 4))) { client in
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == #"{"status":"ready"}"#)
                }
                try await cluster.stop()
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body) == #"{"status":"database_unavailable"}"#)
                }
                try await cluster.start(logger: TestCluster.logger)
                var status = HTTPResponse.Status.serviceUnavailable
                for _ in 0..<20 where status != .ok {
                    status = try await client.execute(uri: "/ready", method: .get) { $0.status }
                }
                #expect(status == .ok)
            }
        }
        try await cluster.stop()
    }

    @Test func metricsAreServedInPrometheusTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "konkurs", metricName: "probe", unitName: "total", helpText: "проба"))
            .increment(by: Int64(3))
        try await withServices { services, _ in
            try await withApp(services: services, metrics: registry) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                    #expect(String(buffer: response.body).contains("konkurs_probe_total 3"))
                }
            }
        }
    }

    @Test func everyResponseCarriesARequestIdAndSecurityHeaders() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                let first = try await client.execute(uri: "/health", method: .get) { $0.headers }
                let missing = try await client.execute(uri: "/no-such-page", method: .get) { response in
                    #expect(response.status == .notFound)
                    return response.headers
                }
                let requestID = HTTPField.Name("X-Request-Id")!
                #expect(first[requestID] != nil)
                #expect(missing[requestID] != nil)
                #expect(first[requestID] != missing[requestID])
                #expect(first[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
                #expect(first[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            }
        }
    }

    @Test func anUnsupportedMethodOnAKnownPathIs405WithAllow() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                for method in [HTTPRequest.Method.trace, .post, .delete, HTTPRequest.Method("QUERY")!] {
                    try await client.execute(uri: "/health", method: method) { response in
                        #expect(response.status == .methodNotAllowed)
                        #expect(response.headers[.allow] == "GET, HEAD")
                    }
                }
                try await client.execute(uri: "/ready", method: .head) { response in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/no-such-page", method: .post) { response in
                    #expect(response.status == .notFound)
                }
            }
        }
    }

    @Test func aMalformedBodyGetsARussianMessageNamingTheField() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                let json: HTTPFields = [.contentType: "application/json"]
                try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: json, body: ByteBuffer(string: #"{"login":"x"}"#)) {
                    response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("нет поля «password»"))
                }
                try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: json, body: ByteBuffer(string: "не json")) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("ожидается JSON-объект"))
                }
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesTheOperatorRoutes() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                try await client.execute(uri: "/api/openapi.yaml", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
                    let document = String(buffer: response.body)
                    #expect(document.hasPrefix("openapi: 3.1"))
                    for path in ["/health:", "/ready:", "/metrics:", "/api/openapi.yaml:"] {
                        #expect(document.contains("\n  \(path)\n"), "\(path) is not documented")
                    }
                }
            }
        }
    }
}
