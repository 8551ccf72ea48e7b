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

/// The jury pages without a browser's script: the sheet form saves on the version it was shown,
/// a stale form is refused with a message, the secretary's board and printable sheets show the work.
@Suite struct JuryPagesTests {
    static let regulation = """
        format: konkurs/1
        contest: Конкурс страниц жюри
        edition: "2026"
        jury: {per_application: 2, disagreement: 2, marks_visible: always}
        nominations:
          - {id: main, title: Основная, minimum_entrants: 1}
        stages:
          - id: s1
            title: Заочный этап
            trials:
              - {id: t1, title: Портфолио, criteria: [{id: a, title: Опыт, min: 0, max: 10}]}
        """

    @Test func aJurorScoresThroughTheFormAndTheSecretarySeesTheBoard() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let (contest, _, application) = try await openEditionWithDraft(
                services, regulation: Self.regulation, surname: "Иванова", position: "Учитель <b>физики</b>")
            _ = try await services.applications.submit(cli, id: application.id)
            _ = try await services.applications.decide(cli, id: application.id, decision: .admit, reason: nil)
            _ = try await services.contests.transition(cli, id: contest.id, to: .applicationsClosed)
            _ = try await services.contests.transition(cli, id: contest.id, to: .admissionReview)
            for (login, roles) in [("juror", ["juror"]), ("secretary", ["secretary"])] {
                let (_, invitation) = try await services.users.add(
                    cli, try UserDraft.validated(login: login, fullName: "Жюри \(login)", email: nil, organisationID: nil, roles: roles))
                _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)-1", origin: cli)
            }
            let panel = try await services.jury.createPanel(
                cli, contestID: contest.id, title: "Жюри", stage: nil, nomination: nil, orderNumber: "№ 7", orderDate: nil)
            _ = try await services.jury.setMember(cli, panelID: panel.id, login: "juror", role: .member, organisationID: nil)
            let (other, _) = try await services.users.add(
                cli, try UserDraft.validated(login: "other", fullName: "Другой", email: nil, organisationID: nil, roles: ["juror"]))
            _ = try await services.jury.setMember(cli, panelID: panel.id, login: "other", role: .member, organisationID: nil)
            _ = try await services.jury.assign(cli, contestID: contest.id)
            _ = try await services.contests.transition(cli, id: contest.id, to: .stageActive)
            // The other juror scores first; the regulation shows submitted marks during the stage.
            try await services.jury.confirmNoConflict(RequestOrigin(actor: other.actor), contestID: contest.id)
            _ = try await services.scores.save(
                RequestOrigin(actor: other.actor), applicationID: application.id, trial: "t1", marks: ["a": "9"], comments: [:], expectedVersion: 0)
            _ = try await services.scores.submit(RequestOrigin(actor: other.actor), applicationID: application.id, trial: "t1", idempotencyKey: nil)
            let jurorSession = try await services.auth.login(login: "juror", password: "пароль-juror-1", address: nil)
            let secretarySession = try await services.auth.login(login: "secretary", password: "пароль-secretary-1", address: nil)

            try await withApp(services: services) { client in
                let juror = Browser(client: client, session: jurorSession)
                let work = try await juror.get("/jury")
                #expect(work.1.contains("Конфликта интересов нет") && work.1.contains("Иванова Анна"))
                let sheetPath = "/jury/sheets/\(application.id)/t1"
                #expect(try await juror.post(sheetPath, [("version", "0"), ("mark_a", "7")]).0 == .conflict, "no mark before the confirmation")
                _ = try await juror.post("/jury/contests/\(contest.id)/no-conflict", [])
                let page = try await juror.get(sheetPath)
                #expect(page.1.contains("Учитель &lt;b&gt;физики&lt;/b&gt;"), "typed text is escaped on the juror's page too")
                #expect(page.1.contains("data-csrf=\"\(jurorSession.csrfToken)\""))
                #expect(page.1.contains("Член жюри 1: Опыт — 9"), "marks_visible: always shows the others' submitted marks")
                let bad = try await juror.post(sheetPath, [("version", "0"), ("mark_a", "7,5")])
                #expect(bad.0 == .unprocessableContent && bad.1.contains("вне шкалы") && bad.1.contains("value=\"7,5\""), "what was typed stays")
                let saved = try await juror.post(sheetPath, [("version", "0"), ("mark_a", "7"), ("comment_a", "Хорошо")])
                #expect(saved.0 == .seeOther)
                let stale = try await juror.post(sheetPath, [("version", "0"), ("mark_a", "3")])
                #expect(stale.0 == .conflict && stale.1.contains("изменён в другой вкладке"))
                #expect(stale.1.contains("value=\"7\""), "the current mark is shown")

                let secretary = Browser(client: client, session: secretarySession)
                let board = try await secretary.get("/admin/jury?contest=\(contest.id)")
                #expect(board.1.contains("приказ № 7") && board.1.contains("0 из 1"))
                _ = try await juror.post("\(sheetPath)/submit", [("submit_key", "k")])
                #expect(try await secretary.get("/admin/jury?contest=\(contest.id)").1.contains("Все листы этапа сданы"))
                let print = try await secretary.get("/admin/jury/\(contest.id)/print")
                #expect(print.1.contains("Оценочный лист") && print.1.contains("от 0 до 10 с шагом 1") && print.1.contains("Жюри juror"))
                #expect(try await juror.get("/admin/jury?contest=\(contest.id)").0 == .forbidden)
                let unknown = try await client.execute(
                    uri: "/api/v1/contests/\(contest.id)/decisions", method: .put,
                    headers: [.cookie: "konkurs_session=\(secretarySession.token)", HTTPField.Name("X-CSRF-Token")!: secretarySession.csrfToken],
                    body: ByteBuffer(string: "special_prizes:\n- {nomination: main, entry: '999', prize: Приз}\n")
                ) { ($0.status, String(buffer: $0.body)) }
                #expect(
                    unknown.0 == .unprocessableContent && unknown.1.contains("999"),
                    "a decision naming an unknown entry is refused, not a server error")
            }
        }
    }
}
