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

/// The results pages through the real router: the chair signs in their account, the print links the
/// shared A4 style (the CSP allows no inline style), two different secretaries publish, and the
/// public page shows only what was consented to.
@Suite struct ResultsPagesTests {
    static let regulation = """
        format: konkurs/1
        contest: Конкурс страниц итогов
        edition: "2026"
        jury: {per_application: 1}
        nominations:
          - {id: main, title: Основная, minimum_entrants: 1}
        stages:
          - id: s1
            title: Единственный этап
            trials:
              - {id: t1, title: Портфолио, criteria: [{id: a, title: Опыт, min: 0, max: 10}]}
        """

    @Test func theChairSignsTwoSecretariesPublishAndThePublicSeesOnlyConsentedFields() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let (contest, school, application) = try await openEditionWithDraft(services, regulation: Self.regulation, surname: "Скрытова")
            var sessions: [String: AuthService.Session] = [:]
            for (login, roles) in [
                ("chair", ["chair"]), ("secretary", ["secretary"]), ("secretary2", ["secretary"]), ("coordinator", ["coordinator"]),
            ] {
                let (_, invitation) = try await services.users.add(
                    cli,
                    try UserDraft.validated(
                        login: login, fullName: "Сотрудник \(login)", email: nil,
                        organisationID: login == "coordinator" ? school.id : nil, roles: roles))
                _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)-1", origin: cli)
                sessions[login] = try await services.auth.login(login: login, password: "пароль-\(login)-1", address: nil)
            }
            _ = try await services.applications.submit(cli, id: application.id)
            _ = try await services.applications.decide(cli, id: application.id, decision: .admit, reason: nil)
            _ = try await services.contests.transition(cli, id: contest.id, to: .applicationsClosed)
            _ = try await services.contests.transition(cli, id: contest.id, to: .admissionReview)
            let panel = try await services.jury.createPanel(
                cli, contestID: contest.id, title: "Жюри", stage: nil, nomination: nil, orderNumber: "№ 3", orderDate: nil)
            _ = try await services.jury.setMember(cli, panelID: panel.id, login: "chair", role: .chair, organisationID: nil)
            _ = try await services.contests.transition(cli, id: contest.id, to: .stageActive)
            _ = try await services.jury.assign(cli, contestID: contest.id)
            let chair = RequestOrigin(actor: try await services.users.get(cli, login: "chair").actor)
            try await services.jury.confirmNoConflict(chair, contestID: contest.id)
            _ = try await services.scores.save(
                chair, applicationID: application.id, trial: "t1", marks: ["a": "9"], comments: [:], expectedVersion: 0)
            _ = try await services.scores.submit(chair, applicationID: application.id, trial: "t1", idempotencyKey: nil)
            _ = try await services.contests.transition(cli, id: contest.id, to: .stageScored)

            try await withApp(services: services) { [sessions] client in
                let secretary = Browser(client: client, session: sessions["secretary"]!)
                #expect(try await secretary.post("/admin/results/\(contest.id)/protocols", [("note", "")]).0 == .seeOther)
                let drawn = try await services.protocols.list(cli, contestID: contest.id)[0].stored
                let juror = Browser(client: client, session: sessions["chair"]!)
                let work = try await juror.get("/jury")
                #expect(work.1.contains("Протоколы на подпись") && work.1.contains("протокол № 1"))
                let print = try await juror.get("/protocols/\(drawn.id)/print")
                #expect(
                    print.0 == .ok && print.1.contains("href=\"/documents.css\"") && !print.1.contains("<style>") && print.1.contains(drawn.sha256))
                let style = try await client.execute(uri: "/documents.css", method: .get) { ($0.headers[.contentType], String(buffer: $0.body)) }
                #expect(style.0?.hasPrefix("text/css") == true && style.1.contains("size:A4"))
                let forged = try await client.execute(
                    uri: "/protocols/\(drawn.id)/sign", method: .post,
                    headers: [.cookie: "konkurs_session=\(sessions["chair"]!.token)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=forged")
                ) { $0.status }
                #expect(forged == .forbidden)
                #expect(try await juror.post("/protocols/\(drawn.id)/sign", []).0 == .seeOther)
                #expect(try await juror.post("/protocols/\(drawn.id)/sign", []).0 == .conflict, "signing twice is refused")
                #expect(try await services.contests.get(cli, id: contest.id).phase == .protocolSigned)

                let noOrder = try await secretary.post("/admin/results/\(contest.id)/publication", [("note", "")])
                #expect(noOrder.0 == .conflict && noOrder.1.contains("Нет приказа об утверждении итогов"))
                #expect(
                    try await secretary.post("/admin/results/\(contest.id)/approval", [("order", "12-од"), ("date", "2026-12-01")]).0 == .seeOther)
                #expect(try await secretary.post("/admin/results/\(contest.id)/publication", [("note", "")]).0 == .seeOther)
                let same = try await secretary.post("/admin/results/\(contest.id)/publication/confirm", [])
                #expect(same.0 == .conflict && same.1.contains("другой сотрудник"))
                let other = Browser(client: client, session: sessions["secretary2"]!)
                #expect(try await other.post("/admin/results/\(contest.id)/publication/confirm", []).0 == .seeOther)
                let page = try await other.get("/admin/results?contest=\(contest.id)")
                #expect(page.1.contains("опубликована: secretary и secretary2") && page.1.contains("подписан"))

                let anonymous = try await client.execute(uri: "/contests/\(contest.id)/results", method: .get) {
                    ($0.status, String(buffer: $0.body))
                }
                #expect(anonymous.0 == .ok && anonymous.1.contains("Участник 1") && !anonymous.1.contains("Скрытова"), "nothing was consented to")
                #expect(anonymous.1.contains("приказ № 12-од от 01.12.2026"))
                #expect(try await Browser(client: client, session: sessions["coordinator"]!).get("/admin/results").0 == .forbidden)
                let diplomas = try await Browser(client: client, session: sessions["coordinator"]!).get("/applications/\(application.id)/diplomas")
                #expect(diplomas.0 == .ok && diplomas.1.contains("Скрытова Анна"), "the organisation prints its own diploma with the name as entered")
            }
        }
    }
}
