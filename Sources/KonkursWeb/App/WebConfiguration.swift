/// Where the HTTP server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080

    public init(host: String = defaultHost, port: Int = defaultPort) {
        self.host = host
        self.port = port
    }
}
