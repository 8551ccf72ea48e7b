import Foundation

/// The checkout the tests were built from: its regulations, templates and fixtures are read in place.
public enum Repository {
    /// `Sources/KonkursTesting/Repository.swift` is three levels below the root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file of `Tests/Fixtures/`, shared by the Swift and the E2E tests.
    public static func fixture(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/\(path)"), encoding: .utf8)
    }

    /// A ready regulation of `Database/regulations/`, by file name without `.yaml`.
    public static func regulation(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Database/regulations/\(name).yaml"), encoding: .utf8)
    }
}
