import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursService
import KonkursStore
import KonkursTesting
import Logging
import NIOCore
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

/// A signed-in browser: pages with the session cookie, forms with its CSRF token.
struct Browser {
    let client: any TestClientProtocol
    let session: AuthService.Session

    func get(_ path: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: path, method: .get, headers: [.cookie: "konkurs_session=\(session.token)"]) { ($0.status, String(buffer: $0.body)) }
    }

    func post(_ path: String, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String, String?) {
        let body = ([("csrf", session.csrfToken)] + fields).map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: path, method: .post, headers: [.cookie: "konkurs_session=\(session.token)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    /// A `multipart/form-data` form: the CSRF token, `fields`, then the file.
    func upload(_ path: String, fields: [(String, String)] = [], fileName: String, content: String, csrf: String? = nil) async throws
        -> (HTTPResponse.Status, String, String?)
    {
        let boundary = "----konkurs-test-boundary"
        let parts = ([("csrf", csrf ?? session.csrfToken)] + fields).map { name, value in
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        let body = parts.joined() + """
            --\(boundary)\r
            Content-Disposition: form-data; name="file"; filename="\(fileName)"\r
            Content-Type: application/pdf\r
            \r
            \(content)\r
            --\(boundary)--\r

            """
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: "konkurs_session=\(session.token)", .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }
}
