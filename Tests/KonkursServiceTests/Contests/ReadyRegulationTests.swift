import Foundation
import KonkursCore
import KonkursTesting
import Testing

@testable import KonkursService

/// Every ready regulation in `Database/regulations` passes the check, and its example under
/// `Docs/examples` computes to the protocol expected. The expected totals were computed independently
/// of the engine (exact fractions in a short Python script, following each regulation's rules).
@Suite struct ReadyRegulationTests {
    static let root = Repository.root

    static func file(_ path: String) throws -> InputFile {
        InputFile(name: path, bytes: [UInt8](try Data(contentsOf: root.appendingPathComponent(path))))
    }

    static func files(_ name: String) throws -> OfflineResults.Files {
        OfflineResults.Files(
            regulation: try file("Database/regulations/\(name).yaml"), scores: try file("Docs/examples/\(name)/scores.csv"),
            entries: try file("Docs/examples/\(name)/entries.csv"))
    }

    /// "place entry total award" per entry (status instead of award when not ok), from the CSV protocol.
    static func rows(_ name: String) throws -> [String] {
        let csv = try OfflineResults.compute(files(name), format: .csv).text
        return csv.split(separator: "\r\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let outcome = fields[5] == "ok" ? fields[7] : fields[5]
            return [fields[1], fields[2], fields[6], outcome].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    static let names = [
        "vozhatyi-goda", "lidery-obrazovaniya", "luchshii-pedagog-nastavnik", "luchshaya-organizaciya-nastavnichestva",
        "luchshii-molodoi-specialist", "formula-uspeha", "nedelya-master-klassov",
    ]

    @Test func everyReadyRegulationIsValidAndHasAnExample() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Database/regulations").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(shipped == Self.names.sorted())
        for name in Self.names {
            let summary = try OfflineResults.summary(of: try Self.file("Database/regulations/\(name).yaml"))
            #expect(summary.hasSuffix("в порядке"))
        }
    }

    @Test func vozhatyiGoda() throws {
        // Five of six go on to the in-person stage; E06 ranks last whatever it scored; E07 withdrew.
        #expect(
            try Self.rows("vozhatyi-goda") == [
                "1 E01 89.17 winner", "2 E02 81.17 second", "3 E03 72.50 third", "4 E04 60.66 laureate", "5 E05 56.33 laureate",
                "6 E06 23.34 participant", "E07 withdrawn",
            ])
    }

    @Test func lideryObrazovaniya() throws {
        // The project counts twice (weight 2); the quest counts its better attempt with the speed bonus.
        #expect(
            try Self.rows("lidery-obrazovaniya") == [
                "1 E01 74.0 winner", "2 E02 69.9 second", "3 E03 59.7 third", "4 E04 50.4 laureate", "5 E05 43.3 laureate",
            ])
    }

    @Test func luchshiiPedagogNastavnik() throws {
        #expect(
            try Self.rows("luchshii-pedagog-nastavnik") == [
                "1 E01 84.67 winner", "2 E02 72.50 participant", "3 E03 68.50 participant", "4 E04 58.50 participant",
            ])
    }

    @Test func luchshayaOrganizaciyaNastavnichestva() throws {
        #expect(
            try Self.rows("luchshaya-organizaciya-nastavnichestva") == [
                "1 E01 44.50 winner", "2 E02 42.25 second", "3 E03 36.50 participant", "4 E04 32.00 participant",
            ])
    }

    @Test func luchshiiMolodoiSpecialist() throws {
        // Laureates need 60 points; the contest-entries criterion is capped at 15.
        #expect(
            try Self.rows("luchshii-molodoi-specialist") == [
                "1 E01 73.20 winner", "2 E02 68.27 second", "3 E03 62.80 third", "4 E04 58.07 participant", "5 E05 51.67 participant",
                "E06 withdrawn",
            ])
    }

    @Test func formulaUspeha() throws {
        let rows = try Self.rows("formula-uspeha")
        #expect(rows.prefix(4) == ["1 E01 15.3 winner", "2 E02 14.7 second", "3 E04 12.3 third", "4 E03 12.0 laureate"])
        #expect(rows[4...6] == ["1 E05 14.7 winner", "2 E06 13.7 second", "3 E07 13.3 third"])
        #expect(rows.count == 12)
    }

    @Test func nedelyaMasterKlassov() throws {
        // Certificates only: no places, everyone who held a master class is a participant.
        #expect(
            try Self.rows("nedelya-master-klassov") == [
                "E02 18.00 participant", "E01 17.50 participant", "E03 15.50 participant", "E04 15.50 participant", "E05 14.50 participant",
            ])
    }

    @Test func theSameFilesGiveByteIdenticalProtocols() throws {
        for format in ProtocolRenderer.Format.allCases {
            let first = try OfflineResults.compute(Self.files("vozhatyi-goda"), format: format).text
            let second = try OfflineResults.compute(Self.files("vozhatyi-goda"), format: format).text
            #expect(first == second)
        }
        let json = try OfflineResults.compute(Self.files("vozhatyi-goda"), format: .json).text
        #expect(json.contains(#""sha256": ""#))
        #expect(!json.contains("2026-11"), "no timestamps in protocols")
    }
}
