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

/// The department uploads a regulation, sees what it declares, creates the edition, sets its window
/// and announces it, all through the pages.
@Suite struct ContestAdminPagesTests {
    static let root = Repository.root

    @Test func aSecretaryCreatesAndAnnouncesAContestFromAnUploadedRegulation() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let school = try await services.organisations.create(
                cli, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            for (login, roles, organisation) in [("secretary", ["secretary"], Optional<Int64>.none), ("coord", ["coordinator"], school.id)] {
                let (_, invitation) = try await services.users.add(
                    cli, try UserDraft.validated(login: login, fullName: login, email: nil, organisationID: organisation, roles: roles))
                _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)-1", origin: cli)
            }
            let text = try String(
                contentsOf: Self.root.appendingPathComponent("Database/regulations/luchshii-molodoi-specialist.yaml"), encoding: .utf8)
            let secretarySession = try await services.auth.login(login: "secretary", password: "пароль-secretary-1", address: nil)
            let coordinatorSession = try await services.auth.login(login: "coord", password: "пароль-coord-1", address: nil)
            try await withApp(services: services) { client in
                let secretary = Browser(client: client, session: secretarySession)
                let broken = try await secretary.upload(
                    "/admin/contests/preview", fileName: "broken.yaml", content: text.replacingOccurrences(of: "max_age: 35", with: "max_age: много"))
                #expect(broken.0 == .unprocessableContent)
                #expect(broken.1.contains("broken.yaml:15: nominations[0].eligibility.max_age"), "the problem is located by file and line")
                let notYAML = try await secretary.upload("/admin/contests/preview", fileName: "положение.docx", content: "PK")
                #expect(notYAML.0 == .unprocessableContent && notYAML.1.contains("принимаются только YAML"))

                let preview = try await secretary.upload("/admin/contests/preview", fileName: "molodoi.yaml", content: text)
                #expect(preview.0 == .ok)
                #expect(preview.1.contains("возраст до 35 лет; стаж не более 3 лет"))
                #expect(preview.1.contains("документы: Представление руководителя организации, Эссе «Я — педагог» (по желанию)"))
                #expect(preview.1.contains(Secrets.sha256(Data(text.utf8))))
                #expect(try await services.contests.list(cli).isEmpty, "a preview creates nothing")
                let encoded = try #require(preview.1.firstMatch(of: /name="regulation" value="([^"]+)"/)?.1)

                let created = try await secretary.post("/admin/contests", [("file_name", "molodoi.yaml"), ("regulation", String(encoded))])
                #expect(created.0 == .ok && created.1.contains("создан как черновик"))
                let contest = try #require(try await services.contests.list(cli).first)
                #expect(contest.regulationDigest == Secrets.sha256(Data(text.utf8)), "stored byte for byte as uploaded")

                let early = try await secretary.post("/admin/contests/\(contest.id)/transition", [("to", "announced")])
                #expect(early.0 == .conflict && early.1.contains("задайте сроки приёма заявок"))
                let badDate = try await secretary.post(
                    "/admin/contests/\(contest.id)/schedule", [("opens", "завтра"), ("closes", "2026-03-20 18:00")])
                #expect(badDate.0 == .unprocessableContent && badDate.1.contains("ГГГГ-ММ-ДД ЧЧ:ММ"))
                _ = try await secretary.post(
                    "/admin/contests/\(contest.id)/schedule", [("opens", "2026-03-01 09:00"), ("closes", "2026-03-20 18:00")])
                let announced = try await secretary.post("/admin/contests/\(contest.id)/transition", [("to", "announced")])
                #expect(announced.0 == .ok && announced.1.contains("объявлен"))
                #expect(try await services.contests.get(cli, id: contest.id).phase == .announced)

                // Announced, the window still moves (the form shows it as it reads back); once
                // applications are open only its end moves, and not into the past.
                #expect(try await secretary.get("/admin/contests").1.contains(#"name="opens" value="2026-03-01 09:00""#))
                let moved = try await secretary.post(
                    "/admin/contests/\(contest.id)/schedule", [("opens", "2026-01-10 09:00"), ("closes", "2099-01-01 18:00")])
                #expect(moved.0 == .ok && moved.1.contains("Сроки приёма заявок сохранены"))
                try await services.contests.applySchedule()
                #expect(try await services.contests.get(cli, id: contest.id).phase == .applicationsOpen)
                let open = try await secretary.get("/admin/contests").1
                #expect(
                    open.contains(#"name="opens" value="2026-01-10 09:00" placeholder="2026-03-01 09:00" disabled>"#)
                        && open.contains("Изменить окончание приёма"))
                let past = try await secretary.post("/admin/contests/\(contest.id)/schedule", [("closes", "2020-01-01 18:00")])
                #expect(past.0 == .unprocessableContent && past.1.contains("Окончание приёма должно быть позже текущего времени"))
                let extended = try await secretary.post("/admin/contests/\(contest.id)/schedule", [("closes", "2099-02-01 18:00")])
                #expect(extended.0 == .ok)
                let edition = try await services.contests.get(cli, id: contest.id)
                #expect(edition.applicationsCloseAt == ContestSchedule.instant("2099-02-01 18:00", timeZone: edition.timeZone))
                #expect(edition.applicationsOpenAt == ContestSchedule.instant("2026-01-10 09:00", timeZone: edition.timeZone))

                let coordinator = Browser(client: client, session: coordinatorSession)
                #expect(try await coordinator.get("/admin/contests").0 == .forbidden)
                #expect(try await coordinator.upload("/admin/contests/preview", fileName: "r.yaml", content: text).0 == .forbidden)
            }
        }
    }
}
