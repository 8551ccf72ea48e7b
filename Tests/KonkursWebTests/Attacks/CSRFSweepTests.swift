import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursStore
import KonkursTesting
import NIOCore
import Testing

@testable import KonkursWeb

/// Every form the pages have, found in the templates themselves, refuses a forged CSRF token (403)
/// for a signed-in administrator, the role that could do the most damage.
@Suite struct CSRFSweepTests {
    static let templates = Repository.root
        .appendingPathComponent("Sources/KonkursWeb/Resources/templates")

    /// (action with placeholders filled, multipart) of every `<form method="post">`.
    static func forms() throws -> [(path: String, multipart: Bool)] {
        var found: [(String, Bool)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for tag in text.components(separatedBy: "<form").dropFirst().map({ String($0.prefix { $0 != ">" }) })
            where tag.contains("method=\"post\"") {
                guard let start = tag.range(of: "action=\""), let end = tag[start.upperBound...].firstIndex(of: "\"") else { continue }
                var action = String(tag[start.upperBound..<end])
                guard action.hasPrefix("/") else { continue }  // {{formAction}}: the application form, swept via /applications/1
                action = action.replacingOccurrences(of: "{{award}}", with: "winner").replacingOccurrences(of: "{{token}}", with: "x")
                while let open = action.range(of: "{{"), let close = action.range(of: "}}", range: open.upperBound..<action.endIndex) {
                    action.replaceSubrange(open.lowerBound..<close.upperBound, with: "1")
                }
                found.append((action, tag.contains("multipart/form-data")))
            }
        }
        return found + [("/applications/1", false)]
    }

    @Test func everyFormRefusesAForgedToken() async throws {
        let forms = try Self.forms()
        #expect(forms.count >= 35, "the sweep found the forms")
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let session = try await signedInAccount(services, login: "sweeper", roles: ["admin"])
            // Record 1 of each kind exists, so a refusal is about the token, not a missing record.
            let (contest, _, application) = try await openEditionWithDraft(services, regulation: ResultsPagesTests.regulation, surname: "Иванова")
            #expect(contest.id == 1 && application.id == 1)
            let before = try await services.applications.get(cli, id: application.id)
            try await withApp(services: services) { client in
                let browser = Browser(client: client, session: session)
                // Uploads check the file's format as it streams, before the token: each gets a file of its kind.
                let files = [
                    "/admin/contests/preview": ("r.yaml", "format: konkurs/1\n"),
                    "/admin/jury/1/paper": ("p.csv", "entry,juror,trial,criterion,score\n"),
                    "/applications/import": ("a.csv", "application,nomination\n"),
                ]
                for (path, multipart) in forms where path != "/login" && !path.hasPrefix("/invite/") {
                    let (name, content) = files[path] ?? ("a.pdf", "%PDF-1.4\n")
                    let status =
                        multipart
                        ? try await browser.upload(path, fileName: name, content: content, csrf: "forged").0
                        : try await client.execute(
                            uri: path, method: .post,
                            headers: [.cookie: "konkurs_session=\(session.token)", .contentType: "application/x-www-form-urlencoded"],
                            body: ByteBuffer(string: "csrf=forged&note=x")
                        ) { $0.status }
                    #expect(status == .forbidden, "\(path) answered \(status) to a forged CSRF token")
                }
                // Signing in and accepting an invitation carry their own token before any session exists.
                let login = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=forged&login=sweeper&password=x")
                ) { $0.status }
                #expect(login == .forbidden)
            }
            #expect(try await services.applications.get(cli, id: 1) == before, "nothing changed")
            #expect(try await services.applications.documents(cli, applicationID: 1).isEmpty)
        }
    }
}
