import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

extension Database {
    /// How long a use case's database work may take before its request is answered with an error
    /// regardless (`ServiceError.databaseUnavailable`, a 503): no request, and so no shutdown, waits
    /// forever on a connection that died under it.
    public static let workLimit: Duration = .seconds(60)

    /// `withDeadline` as the use cases answer it: past the limit, `ServiceError.databaseUnavailable`.
    static func withinLimit<Result: Sendable>(
        _ limit: Duration = workLimit, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            return try await withDeadline(limit, work)
        } catch is DeadlineExceeded {
            throw ServiceError.databaseUnavailable
        }
    }

    /// Runs `body` in one transaction; what it throws arrives as thrown (not wrapped by PostgresNIO),
    /// so the doors can map domain errors. Bulk work (imports) declares a longer `limit`.
    func transaction<Result: Sendable>(
        limit: Duration = workLimit, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let (client, logger) = (client, logger)
        return try await Self.withinLimit(limit) {
            do {
                return try await client.withTransaction(logger: logger) { try await body($0) }
            } catch {
                throw Self.refused(error.unwrappingTransactionError)
            }
        }
    }

    /// Runs `body` on a pooled connection, outside a transaction, within the same limit.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let client = client
        return try await Self.withinLimit {
            do {
                return try await client.withConnection { try await body($0) }
            } catch {
                throw Self.refused(error)
            }
        }
    }

    /// Text PostgreSQL cannot hold (a NUL character) is the caller's input, not a server failure:
    /// whatever field it came in and whichever check missed it, the answer is a 422, never a 500.
    static func refused(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError, error.sqlState == "22021" else { return error }
        return InvalidInput([.init(field: "text", message: "Текст содержит недопустимый символ (NUL)")])
    }
}
