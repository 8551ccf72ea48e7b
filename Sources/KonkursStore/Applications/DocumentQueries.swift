import Foundation
import KonkursCore
import Logging
import NIOCore
import PostgresNIO

/// SQL for application documents; the bytes are read only when a document is downloaded.
public enum DocumentQueries {
    typealias Row = (Int64, Int64, String, String, String, Int, String, Date)

    static let columns = "id, application_id, kind, file_name, format, size, sha256, uploaded_at"

    static func document(_ row: Row) throws -> ApplicationDocument {
        ApplicationDocument(
            id: row.0, applicationID: row.1, kind: row.2, fileName: row.3,
            format: try StoredValue.decode(row.4, as: DocumentFormat.self, "application_documents", "format", id: row.0), size: row.5,
            sha256: row.6, uploadedAt: row.7)
    }

    public static func insert(
        _ connection: PostgresConnection, applicationID: Int64, kind: String, fileName: String, format: DocumentFormat, content: ByteBuffer,
        sha256: String, logger: Logger
    ) async throws -> ApplicationDocument {
        try await connection.query(
            """
            INSERT INTO application_documents (application_id, kind, file_name, format, size, sha256, content)
            VALUES (\(applicationID), \(kind), \(fileName), \(format.rawValue), \(content.readableBytes), \(sha256), \(content))
            RETURNING \(unescaped: columns)
            """, logger: logger
        ).decode(Row.self).array().map(document)[0]
    }

    public static func list(_ connection: PostgresConnection, applicationID: Int64, logger: Logger) async throws -> [ApplicationDocument] {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM application_documents WHERE application_id = \(applicationID) ORDER BY id", logger: logger
        ).decode(Row.self).array().map(document)
    }

    public static func find(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> ApplicationDocument? {
        try await connection.query("SELECT \(unescaped: columns) FROM application_documents WHERE id = \(id)", logger: logger)
            .decode(Row.self).array().first.map(document)
    }

    public static func content(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> ByteBuffer? {
        try await connection.query("SELECT content FROM application_documents WHERE id = \(id)", logger: logger)
            .decode(ByteBuffer.self).array().first
    }

    public static func delete(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws {
        try await connection.query("DELETE FROM application_documents WHERE id = \(id)", logger: logger)
    }

    /// Bytes already attached to the application, for its total limit.
    public static func totalSize(_ connection: PostgresConnection, applicationID: Int64, logger: Logger) async throws -> (count: Int, bytes: Int) {
        try await connection.query(
            "SELECT count(*)::bigint, coalesce(sum(size), 0)::bigint FROM application_documents WHERE application_id = \(applicationID)",
            logger: logger
        ).decode((Int, Int).self).array().map { (count: $0.0, bytes: $0.1) }[0]
    }
}
