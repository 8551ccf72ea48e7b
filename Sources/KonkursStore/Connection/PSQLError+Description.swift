import PostgresNIO

extension PSQLError {
    /// SQLSTATE of a server error, e.g. "23505" for a unique violation.
    public var sqlState: String? { code == .server ? serverInfo?[.sqlState] : nil }

    /// The server's own message when there is one, otherwise the kind of client error.
    public var shortDescription: String {
        if let message = serverInfo?[.message] { return message }
        if let underlying { return "\(code): \(underlying)" }
        return "\(code)"
    }
}

extension Error {
    /// `withTransaction` wraps what its closure threw; this is the original error.
    public var unwrappingTransactionError: any Error {
        (self as? PostgresTransactionError)?.closureError ?? self
    }
}
