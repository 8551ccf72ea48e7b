import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursStore
import KonkursTesting
import Testing

@testable import KonkursWeb

/// SQL and HTML injection strings typed into every kind of text a person can enter are stored as
/// typed and shown escaped on every page a crawler reaches from the home page, for an administrator,
/// the organisation's coordinator and a visitor.
@Suite struct InjectionSweepTests {
    /// One string per field: a script, a broken-out attribute and a SQL statement, tagged with the field.
    static func evil(_ field: String) -> String { "<script>alert(\"\(field)\")</script>'; DROP TABLE users; --\"><img src=x onerror=alert(1)>" }
    static let rawMarkers = ["<script>alert(", "<img src=x onerror"]

    @Test func typedTextIsStoredAsTypedAndShownEscapedEverywhere() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            _ = try await DemoDistrict.loadIfEmpty(services)
            let contests = try await services.contests.list(cli)

            // Every kind of typed text, each tagged so the crawl can tell where it shows.
            let organisation = try await services.organisations.create(
                cli,
                try OrganisationDraft.validated(
                    fullName: Self.evil("org-full"), shortName: Self.evil("org-short"), kind: "ОУ", district: Self.evil("district")))
            let coordinator = try await signedInAccount(
                services, login: "evil-coordinator", roles: ["coordinator"], organisation: organisation.id, fullName: Self.evil("user-name"))
            let admin = try await signedInAccount(services, login: "sweep-admin", roles: ["admin"])
            let open = try #require(contests.first { $0.phase == .applicationsOpen && $0.title == "Вожатый года" })
            let member = Application.Member(
                role: .nominee, surname: Self.evil("surname"), name: Self.evil("name"), patronymic: Self.evil("patronymic"), birthDate: "1996-01-01",
                position: Self.evil("position"), subject: Self.evil("subject"), experienceStart: "2020-09-01", category: Self.evil("category"),
                contacts: Self.evil("contacts"))
            let draft = try await services.applications.create(
                cli, contestID: open.id, nomination: "vozhatyi", organisationID: organisation.id,
                content: .init(members: [member], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: []))
            let submitted = try #require(try await services.applications.list(cli, filter: .init(contest: open.id, status: .submitted)).first)
            _ = try await services.applications.decide(cli, id: submitted.id, decision: .reject, reason: Self.evil("reason"))
            _ = try await services.jury.createPanel(
                cli, contestID: open.id, title: Self.evil("panel"), stage: nil, nomination: nil, orderNumber: "№ 1", orderDate: nil)
            let published = try #require(contests.first { $0.phase == .published && $0.title == "Вожатый года" })
            try await services.diplomas.setTemplate(cli, contestID: published.id, award: "winner", text: Self.evil("diploma"))
            let regulation = ResultsPagesTests.regulation.replacingOccurrences(
                of: "contest: Конкурс страниц итогов", with: "contest: \"\(Self.evil("contest").replacingOccurrences(of: "\"", with: "\\\""))\"")
            let announced = try await services.contests.create(cli, regulation: regulation, fileName: "r.yaml")
            _ = try await services.contests.schedule(cli, id: announced.id, opens: "2090-01-01 09:00", closes: "2099-01-01 09:00")
            _ = try await services.contests.transition(cli, id: announced.id, to: .announced)

            // Stored as typed: the SQL did nothing but be text.
            #expect(try await services.applications.get(cli, id: draft.id).members[0].surname == Self.evil("surname"))
            #expect(try await services.organisations.get(cli, id: organisation.id).fullName == Self.evil("org-full"))
            #expect(try await services.contests.get(cli, id: announced.id).title == Self.evil("contest"))
            #expect(try await services.users.list(cli).count > 5, "the users table is still there")

            try await withApp(services: services) { client in
                var shown: Set<String> = []
                for session in [admin, coordinator, nil] {
                    let pages = try await Self.crawl(client, session: session)
                    #expect(pages.count > (session == nil ? 5 : 10), "the crawl reached the pages")
                    for (path, body) in pages {
                        let unescaped = Self.rawMarkers.filter(body.contains)
                        #expect(unescaped.isEmpty, "\(path) shows typed text unescaped")
                        for field in Self.fields where body.contains("alert(&quot;\(field)&quot;)") || body.contains("alert(&#34;\(field)&#34;)") {
                            shown.insert(field)
                        }
                    }
                }
                #expect(
                    shown == Set(Self.fields), "every field was found on some page, escaped; missing: \(Set(Self.fields).subtracting(shown).sorted())"
                )
            }
        }
    }

    static let fields = [
        "org-full", "org-short", "district", "user-name", "surname", "name", "patronymic", "position", "subject", "category", "contacts",
        "reason", "panel", "diploma", "contest",
    ]

    /// Every page reachable by links from the home page (GET only; files, exports and sign-out left out).
    static func crawl(_ client: any TestClientProtocol, session: AuthService.Session?) async throws -> [(String, String)] {
        var queue = ["/"]
        var seen: Set<String> = ["/"]
        var pages: [(String, String)] = []
        let headers: HTTPFields = session.map { [.cookie: "konkurs_session=\($0.token)"] } ?? [:]
        while !queue.isEmpty, pages.count < 600 {
            let path = queue.removeFirst()
            let (status, type, body) = try await client.execute(uri: path, method: .get, headers: headers) {
                ($0.status, $0.headers[.contentType] ?? "", String(buffer: $0.body))
            }
            guard status == .ok, type.hasPrefix("text/html") else { continue }
            pages.append((path, body))
            for link in links(in: body) where !seen.contains(link) {
                seen.insert(link)
                queue.append(link)
            }
        }
        return pages
    }

    /// Links, and the choices of filter forms (`<form method="get">` with a `<select>`), as paths.
    static func links(in body: String) -> [String] {
        var links = body.components(separatedBy: "href=\"/").dropFirst().map {
            "/" + $0.prefix { $0 != "\"" && $0 != "#" }.replacingOccurrences(of: "&amp;", with: "&")
        }
        for form in body.components(separatedBy: "<form method=\"get\" action=\"").dropFirst() {
            let action = String(form.prefix { $0 != "\"" })
            let inside = form.components(separatedBy: "</form>")[0]
            for select in inside.components(separatedBy: "<select name=\"").dropFirst() {
                let name = select.prefix { $0 != "\"" }
                let options = select.components(separatedBy: "</select>")[0].components(separatedBy: "value=\"").dropFirst().map {
                    $0.prefix { $0 != "\"" }
                }
                links += options.map { "\(action)?\(name)=\($0)" }
            }
        }
        let files = ["/export", "/download"]
        return links.filter { link in
            !["/logout", "/static/", "/documents.css", "/api/", "/documents/"].contains(where: link.hasPrefix)
                && !files.contains(where: link.contains)
        }
    }
}
