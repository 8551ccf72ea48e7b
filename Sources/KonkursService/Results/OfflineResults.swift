import Foundation
import KonkursCore

/// The counting commission's use case without a database: regulation + marks (+ entries, jury list,
/// decisions) in, a protocol out. The doors read and write the files; this checks and computes.
public enum OfflineResults {
    public struct Files: Sendable {
        public var regulation: InputFile
        public var scores: InputFile
        public var entries: InputFile?
        public var jurors: InputFile?
        public var decisions: InputFile?

        public init(regulation: InputFile, scores: InputFile, entries: InputFile? = nil, jurors: InputFile? = nil, decisions: InputFile? = nil) {
            self.regulation = regulation
            self.scores = scores
            self.entries = entries
            self.jurors = jurors
            self.decisions = decisions
        }
    }

    public struct Output: Sendable {
        public let text: String
        public let warnings: [String]
    }

    public static func compute(_ files: Files, format: ProtocolRenderer.Format) throws -> Output {
        let (document, regulation) = try protocolDocument(files)
        return Output(text: ProtocolRenderer(document, regulation: regulation).render(format), warnings: document.warnings)
    }

    /// The computed protocol itself, for use cases that act on it (who advances to the next stage).
    public static func protocolDocument(_ files: Files) throws -> (ResultProtocol, Regulation) {
        let parsed = try read(files)
        return (try parsed.compute(), parsed.regulation)
    }

    /// The files read and checked, ready to compute (and to recompute under other methods).
    public struct Parsed: Sendable {
        public let regulation: Regulation
        public let input: ScoreInput
        public let decisions: Decisions
        public let digests: [InputDigest]

        public func compute() throws -> ResultProtocol {
            try ResultEngine(regulation: regulation, input: input, decisions: decisions).compute(inputs: digests)
        }

        public func robustness(of result: ResultProtocol) -> [RobustnessLine] {
            Robustness.check(regulation: regulation, input: input, decisions: decisions, baseline: result)
        }
    }

    public static func read(_ files: Files) throws -> Parsed {
        let regulation = try RegulationParser.parse(String(decoding: files.regulation.bytes, as: UTF8.self), file: files.regulation.name)
        let input = try ScoreFileReader.read(regulation: regulation, scores: files.scores, entries: files.entries, jurors: files.jurors)
        let decisions = try files.decisions.map { try DecisionFileParser.parse(String(decoding: $0.bytes, as: UTF8.self), file: $0.name) } ?? .none
        let digests =
            [("regulation", files.regulation), ("scores", files.scores)]
            + [("entries", files.entries), ("jurors", files.jurors), ("decisions", files.decisions)].compactMap { role, file in
                file.map { (role, $0) }
            }
        return Parsed(
            regulation: regulation, input: input, decisions: decisions,
            digests: digests.map { InputDigest(role: $0, name: ($1.name as NSString).lastPathComponent, sha256: Secrets.sha256($1.bytes)) })
    }

    /// A one-line summary of a valid regulation file, for `konkurs regulation check`.
    public static func summary(of file: InputFile) throws -> String {
        let regulation = try RegulationParser.parse(String(decoding: file.bytes, as: UTF8.self), file: file.name)
        let criteria = regulation.trials.reduce(0) { $0 + $1.criteria.count }
        let warnings = PanelRules.warnings(regulation).map { "\nпредупреждение: \($0)" }.joined()
        return "\(file.name): \(regulation.contest), \(regulation.edition): номинаций \(regulation.nominations.count), "
            + "этапов \(regulation.stages.count), испытаний \(regulation.trials.count), критериев \(criteria) — в порядке" + warnings

    }
}
