/// Where the HTTP server listens, and how long it waits for a client.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// A connection must send a whole request head within this time of opening, or of its previous
    /// answer (slowloris); otherwise it is closed.
    public var headerTimeout: Duration
    /// A connection that sends nothing for this long while its body is awaited (or between requests)
    /// is closed.
    public var idleTimeout: Duration

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultHeaderTimeout = Duration.seconds(20)
    public static let defaultIdleTimeout = Duration.seconds(60)

    public init(
        host: String = defaultHost, port: Int = defaultPort, headerTimeout: Duration = defaultHeaderTimeout,
        idleTimeout: Duration = defaultIdleTimeout
    ) {
        self.host = host
        self.port = port
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
    }
}
