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

/// The application pages driven as a browser would: a coordinator fills the form (typed values come
/// back on errors, escaped), uploads files through a multipart form, submits; the department decides.
@Suite struct ApplicationPagesTests {
    static let root = Repository.root
    static let pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"

    @Test func theDepartmentUploadsPaperApplicationsAndSeesEveryProblemWithItsLine() async throws {
        try await withServices { services, database in
            let regulation = try String(contentsOf: Self.root.appendingPathComponent("Database/regulations/vozhatyi-goda.yaml"), encoding: .utf8)
            let (contest, school, _) = try await openEditionWithDraft(
                services, regulation: regulation.replacingOccurrences(of: "id: vozhatyi", with: "id: main"), surname: "Черновикова")
            let coordinatorSession = try await signedInAccount(services, login: "coord", roles: ["coordinator"], organisation: school.id)
            let secretarySession = try await signedInAccount(services, login: "secretary", roles: ["secretary"])
            let header = "application,nomination,organisation,surname,name,birth_date,position,experience_start\n"
            try await withApp(services: services) { client in
                let secretary = Browser(client: client, session: secretarySession)
                let list = try await secretary.get("/applications")
                #expect(list.1.contains("action=\"/applications/import\"") && list.1.contains("<option value=\"\(contest.id)\""))

                let bad = header + "1,main,Школа,<b>Ким</b>,Ли,01.02.1990,Вожатая,2015-09-01\n2,main,Нет такой,Ли,Ким,1990-02-01,Вожатая,2015-09-01\n"
                let refused = try await secretary.upload(
                    "/applications/import", fields: [("contest", "\(contest.id)")], fileName: "бумага.csv", content: bad)
                #expect(refused.0 == .unprocessableContent)
                #expect(
                    refused.1.contains("бумага.csv:2: Дата рождения: ГГГГ-ММ-ДД")
                        && refused.1.contains("бумага.csv:3: организации «Нет такой» нет в реестре"))

                let good = header + "1,main,Школа,Бумажная,Вера,1990-02-01,Вожатая,2015-09-01\n"
                let imported = try await secretary.upload(
                    "/applications/import", fields: [("contest", "\(contest.id)")], fileName: "бумага.csv", content: good)
                #expect(imported.0 == .seeOther && imported.2 == "/applications?contest_id=\(contest.id)&status=draft&done=imported")
                let drafts = try await secretary.get(imported.2!)
                #expect(drafts.1.contains("загружены черновиками") && drafts.1.contains("Бумажная Вера") && drafts.1.contains("Черновикова"))
                let again = try await secretary.upload(
                    "/applications/import", fields: [("contest", "\(contest.id)")], fileName: "бумага.csv", content: good)
                #expect(again.0 == .conflict && again.1.contains("Этот файл уже загружен"))

                let coordinator = Browser(client: client, session: coordinatorSession)
                #expect(!(try await coordinator.get("/applications").1.contains("/applications/import")), "no upload form for an organisation")
                let forbidden = try await coordinator.upload(
                    "/applications/import", fields: [("contest", "\(contest.id)")], fileName: "x.csv", content: good + " ")
                #expect(forbidden.0 == .forbidden)
            }
        }
    }

    @Test func aCoordinatorFilesAnApplicationAndTheDepartmentAdmitsIt() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let school = try await services.organisations.create(
                cli, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            for (login, roles, organisation) in [("coord", ["coordinator"], Optional(school.id)), ("secretary", ["secretary"], nil)] {
                let (_, invitation) = try await services.users.add(
                    cli, try UserDraft.validated(login: login, fullName: login, email: nil, organisationID: organisation, roles: roles))
                _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)-1", origin: cli)
            }
            let regulation = try String(contentsOf: Self.root.appendingPathComponent("Database/regulations/vozhatyi-goda.yaml"), encoding: .utf8)
            let contest = try await services.contests.create(cli, regulation: regulation, fileName: "r.yaml")
            _ = try await services.contests.schedule(cli, id: contest.id, opens: "2026-01-01 09:00", closes: "2099-01-01 09:00")
            _ = try await services.contests.transition(cli, id: contest.id, to: .announced)
            try await services.contests.applySchedule()
            let coordinatorSession = try await services.auth.login(login: "coord", password: "пароль-coord-1", address: nil)
            let secretarySession = try await services.auth.login(login: "secretary", password: "пароль-secretary-1", address: nil)

            try await withApp(services: services) { client in
                let coordinator = Browser(client: client, session: coordinatorSession)
                let list = try await coordinator.get("/applications")
                #expect(list.1.contains("/applications/new?contest=\(contest.id)&amp;nomination=vozhatyi"))
                let form = try await coordinator.get("/applications/new?contest=\(contest.id)&nomination=vozhatyi")
                #expect(form.0 == .ok && form.1.contains("name=\"m0_surname\""))

                var fields = [
                    ("contest", "\(contest.id)"), ("nomination", "vozhatyi"), ("member_rows", "1"), ("m0_role", "nominee"), ("m0_surname", ""),
                    ("m0_name", "Мария"), ("m0_birth_date", "1997-05-01"), ("m0_position", "Вожатая <b>отряда</b>"),
                    ("m0_experience_start", "2019-09-01"),
                    ("consent_processing", "yes"), ("publication", "fields"), ("publish", "full_name"), ("video_links", "https://rutube.ru/video/1"),
                ]
                let refused = try await coordinator.post("/applications/new", fields)
                #expect(refused.0 == .unprocessableContent)
                #expect(refused.1.contains("Фамилия: поле обязательно"))
                #expect(refused.1.contains("value=\"Вожатая &lt;b&gt;отряда&lt;/b&gt;\""), "what was typed comes back, escaped")
                #expect(refused.1.contains("value=\"full_name\" checked"))
                fields[4] = ("m0_surname", "Ким")
                let created = try await coordinator.post("/applications/new", fields)
                #expect(created.0 == .seeOther)
                let location = try #require(created.2)
                let id = try #require(Int64(location.split(separator: "/").last!.split(separator: "?").first!))

                let lying = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "portfolio")], fileName: "p.pdf", content: "<html>")
                #expect(lying.0 == .unprocessableContent && lying.1.contains("не является файлом PDF"))
                let traversal = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "portfolio")], fileName: "../../p.pdf", content: Self.pdf)
                #expect(traversal.0 == .unprocessableContent && traversal.1.contains("разделители пути"))
                let forged = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "portfolio")], fileName: "p.pdf", content: Self.pdf, csrf: "x")
                #expect(forged.0 == .forbidden)
                let huge = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "portfolio")], fileName: "big.pdf",
                    content: "%PDF-" + String(repeating: " ", count: 16 * 1024 * 1024))
                #expect(huge.0 == .contentTooLarge && huge.1.contains("больше 15 МБ"))
                #expect(try await services.applications.documents(cli, applicationID: id).isEmpty, "nothing stored from refused uploads")
                let uploaded = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "portfolio")], fileName: "Портфолио Ким.pdf", content: Self.pdf)
                #expect(uploaded.0 == .seeOther)
                let document = try #require(try await services.applications.documents(cli, applicationID: id).first)
                #expect(document.fileName == "Портфолио Ким.pdf" && document.size == Self.pdf.utf8.count)

                let submitted = try await coordinator.post("/applications/\(id)/submit", [])
                #expect(submitted.0 == .seeOther)
                #expect(try await coordinator.get("/applications/\(id)").1.contains("id=\"application-status\">подана"))

                let secretary = Browser(client: client, session: secretarySession)
                let all = try await secretary.get("/applications?status=submitted&contest_id=\(contest.id)")
                #expect(all.1.contains("СОШ № 1") && all.1.contains("Ким Мария"))
                #expect(all.1.contains("/api/v1/applications/export?format=xlsx"))
                #expect(try await secretary.get("/api/v1/applications/export?nomination=%00").0 == .unprocessableContent, "a NUL never reaches SQL")
                let noReason = try await secretary.post("/applications/\(id)/decision", [("decision", "reject"), ("reason", " ")])
                #expect(noReason.0 == .unprocessableContent && noReason.1.contains("Укажите причину"))
                _ = try await secretary.post("/applications/\(id)/decision", [("decision", "admit"), ("reason", "")])
                #expect(try await coordinator.get("/applications/\(id)").1.contains("id=\"application-status\">допущена"))
                let late = try await coordinator.upload(
                    "/applications/\(id)/documents", fields: [("kind", "other")], fileName: "late.pdf", content: Self.pdf)
                #expect(late.0 == .conflict && late.1.contains("изменить нельзя"))
            }
        }
    }

    @Test func multipartHeaderParametersKeepQuotedSemicolonsAndQuotes() {
        #expect(UploadReader.headerParameter("boundary", in: "multipart/form-data; boundary=\"b-1\"") == "b-1")
        #expect(UploadReader.headerParameter("filename", in: "form-data; name=\"file\"; filename=\"a;b %22c%22.pdf\"") == "a;b \"c\".pdf")
        #expect(UploadReader.headerParameter("filename", in: "form-data; name=\"kind\"") == nil)
    }
}
