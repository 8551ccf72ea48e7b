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

/// Every API route × every role × own/other organisation: the HTTP answer must be exactly what the
/// access policy (the matrix of Docs/security.md) says — 2xx, 401, 403, or 404 without leaking existence.
@Suite struct AccessMatrixAPITests {
    struct Route {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let action: Action
        let resource: Resource
        /// The policy's rule when it is not a single action (documents: viewers and assigned jurors).
        var decide: (@Sendable (Actor?) -> Decision)? = nil
    }

    @Test func everyRouteAnswersAsThePolicyDecides() async throws {
        try await withServices { services, database in
            let admin = KonkursServices.commandLine
            let own = try await services.organisations.create(admin, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            let other = try await services.organisations.create(
                admin, OrganisationDraft(fullName: "МБДОУ № 7", shortName: "ДОУ № 7", kind: .kindergarten))
            @Sendable func account(_ login: String, _ roles: [String], organisation: Int64?) async throws -> UserAccount {
                let (account, invitation) = try await services.users.add(
                    admin, try UserDraft.validated(login: login, fullName: login, email: nil, organisationID: organisation, roles: roles))
                _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-\(login)", origin: admin)
                return account
            }
            let regulation = try Repository.regulation("vozhatyi-goda")
            let contest = try await services.contests.create(admin, regulation: regulation, fileName: "r.yaml")
            _ = try await services.contests.schedule(admin, id: contest.id, opens: "2026-01-01 09:00", closes: "2099-01-01 09:00")
            _ = try await services.contests.transition(admin, id: contest.id, to: .announced)
            try await services.contests.applySchedule()
            let member = Application.Member(
                role: .nominee, surname: "Петрова", name: "Анна", patronymic: nil, birthDate: "1995-04-12", position: "Вожатая", subject: nil,
                experienceStart: "2020-09-01", category: nil, contacts: nil)
            let content = Application.Content(
                members: [member], consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: [])
            let ownApplication = try await services.applications.create(
                admin, contestID: contest.id, nomination: "vozhatyi", organisationID: own.id, content: content)
            let otherApplication = try await services.applications.create(
                admin, contestID: contest.id, nomination: "vozhatyi", organisationID: other.id, content: content)
            let pdf = ByteBuffer(string: "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
            let ownDocument = try await services.applications.attach(
                admin, applicationID: ownApplication.id, kind: "other", fileName: "a.pdf", content: pdf)
            let otherDocument = try await services.applications.attach(
                admin, applicationID: otherApplication.id, kind: "other", fileName: "b.pdf", content: pdf)
            let applicationBody =
                #"{"contest_id":\#(contest.id),"nomination":"vozhatyi","organisation_id":\#(own.id),"members":[{"role":"nominee","surname":"Ким","name":"Мария","birth_date":"1996-01-01","position":"Вожатая","experience_start":"2021-09-01"}],"consent_processing":true,"consent_publication":[]}"#
            let contentBody =
                #"{"members":[{"role":"nominee","surname":"Ким","name":"Мария","birth_date":"1996-01-01","position":"Вожатая","experience_start":"2021-09-01"}],"consent_processing":true,"consent_publication":["full_name"]}"#
            let colleague = try await account("colleague", ["observer"], organisation: own.id)
            let stranger = try await account("stranger", ["observer"], organisation: other.id)
            var tokens: [String: (token: String, actor: Actor)] = [:]
            for role in Role.allCases {
                let login = "as-\(role.rawValue)"
                let created = try await account(login, [role.rawValue], organisation: role == .coordinator ? own.id : nil)
                tokens[role.rawValue] = (
                    try await services.auth.apiLogin(login: login, password: "пароль-\(login)", address: nil).token, created.actor
                )
            }

            // An edition being scored: one admitted pair application of the own organisation, assigned to as-juror.
            let nastavnik = try Repository.regulation("luchshii-pedagog-nastavnik")
            let scored = try await services.contests.create(admin, regulation: nastavnik, fileName: "n.yaml")
            _ = try await services.contests.schedule(admin, id: scored.id, opens: "2026-01-01 09:00", closes: "2099-01-01 09:00")
            _ = try await services.contests.transition(admin, id: scored.id, to: .announced)
            try await services.contests.applySchedule()
            let pair = [Application.Member.Role.mentor, .mentee].map {
                Application.Member(
                    role: $0, surname: "Ким", name: $0.rawValue, patronymic: nil, birthDate: "1980-01-01", position: "Учитель", subject: nil,
                    experienceStart: "2000-09-01", category: nil, contacts: nil)
            }
            let scoredApplication = try await services.applications.create(
                admin, contestID: scored.id, nomination: "nastavnik", organisationID: own.id,
                content: .init(
                    members: pair, consentProcessing: true, consentPublication: [], selfNominated: false, videoLinks: [],
                    fields: ["vmeste_s": "2020-09-01", "praktika": "Практика", "forma": "педагог — педагог"]))

            let scoredDocument = try await services.applications.attach(
                admin, applicationID: scoredApplication.id, kind: "predstavlenie", fileName: "p.pdf", content: pdf)
            _ = try await services.applications.submit(admin, id: scoredApplication.id)
            _ = try await services.applications.decide(admin, id: scoredApplication.id, decision: .admit, reason: nil)
            _ = try await services.contests.transition(admin, id: scored.id, to: .applicationsClosed)
            _ = try await services.contests.transition(admin, id: scored.id, to: .admissionReview)
            let panel = try await services.jury.createPanel(
                admin, contestID: scored.id, title: "Жюри", stage: nil, nomination: nil, orderNumber: "1", orderDate: nil)
            _ = try await services.jury.setMember(admin, panelID: panel.id, login: "as-juror", role: .member, organisationID: nil)
            try await services.jury.setAssignment(
                admin, contestID: scored.id, applicationID: scoredApplication.id, userID: tokens["juror"]!.actor.userID, assigned: true)
            _ = try await services.contests.transition(admin, id: scored.id, to: .stageActive)
            try await services.jury.confirmNoConflict(RequestOrigin(actor: tokens["juror"]!.actor), contestID: scored.id)

            let signedIn = tokens
            try await withApp(services: services) { client in
                for column in Role.allCases.map(\.rawValue) + ["anonymous"] {
                    let (token, actor) = signedIn[column].map { ($0.token, Optional($0.actor)) } ?? (nil, nil)
                    // Targets that a successful call changes are fresh for every column.
                    let throwaway = try await services.organisations.create(
                        admin, OrganisationDraft(fullName: "Временная \(column)", shortName: "tmp-\(column)", kind: .other))
                    let victim = try await account("victim-\(column)", ["juror"], organisation: nil)
                    let ownThrowaway = try await services.applications.attach(
                        admin, applicationID: ownApplication.id, kind: "other", fileName: "tmp-\(column).pdf", content: pdf)
                    let otherThrowaway = try await services.applications.attach(
                        admin, applicationID: otherApplication.id, kind: "other", fileName: "tmp-\(column).pdf", content: pdf)
                    let routes = [
                        Route(method: .get, path: "/api/v1/organisations", body: nil, action: .viewOrganisations, resource: .registry),
                        Route(
                            method: .post, path: "/api/v1/organisations",
                            body: #"{"full_name":"Новая \#(column)","short_name":"new-\#(column)","kind":"ОУ"}"#,
                            action: .manageOrganisations, resource: .registry),
                        Route(
                            method: .get, path: "/api/v1/organisations/\(own.id)", body: nil, action: .viewOrganisations,
                            resource: .organisation(id: own.id)),
                        Route(
                            method: .get, path: "/api/v1/organisations/\(other.id)", body: nil, action: .viewOrganisations,
                            resource: .organisation(id: other.id)),
                        Route(
                            method: .put, path: "/api/v1/organisations/\(own.id)",
                            body: #"{"full_name":"МБОУ СОШ № 1","short_name":"СОШ № 1","kind":"school"}"#,
                            action: .manageOrganisations, resource: .organisation(id: own.id)),
                        Route(
                            method: .post, path: "/api/v1/organisations/\(throwaway.id)/deactivate", body: nil,
                            action: .manageOrganisations, resource: .organisation(id: throwaway.id)),
                        Route(method: .get, path: "/api/v1/users", body: nil, action: .viewUsers, resource: .registry),
                        Route(
                            method: .post, path: "/api/v1/users", body: #"{"login":"made-by-\#(column)","full_name":"Новый","roles":["juror"]}"#,
                            action: .manageUsers, resource: .registry),
                        Route(
                            method: .get, path: "/api/v1/users/\(colleague.id)", body: nil, action: .viewUsers,
                            resource: .user(id: colleague.id, organisationID: own.id)),
                        Route(
                            method: .get, path: "/api/v1/users/\(stranger.id)", body: nil, action: .viewUsers,
                            resource: .user(id: stranger.id, organisationID: other.id)),
                        Route(method: .post, path: "/api/v1/users/\(victim.id)/reset-password", body: nil, action: .manageUsers, resource: .registry),
                        Route(method: .post, path: "/api/v1/users/\(victim.id)/disable", body: nil, action: .manageUsers, resource: .registry),
                        Route(method: .get, path: "/api/v1/audit", body: nil, action: .viewAudit, resource: .registry),
                        Route(method: .get, path: "/api/v1/me", body: nil, action: .viewOwnAccount, resource: .account(userID: actor?.userID ?? -1)),
                        Route(method: .get, path: "/api/v1/applications", body: nil, action: .viewApplications, resource: .registry),
                        Route(method: .post, path: "/api/v1/applications", body: applicationBody, action: .editApplications, resource: .registry),
                        Route(
                            method: .get, path: "/api/v1/applications/\(ownApplication.id)", body: nil, action: .viewApplications,
                            resource: .application(organisationID: own.id)),
                        Route(
                            method: .get, path: "/api/v1/applications/\(otherApplication.id)", body: nil, action: .viewApplications,
                            resource: .application(organisationID: other.id)),
                        Route(
                            method: .put, path: "/api/v1/applications/\(ownApplication.id)", body: contentBody, action: .editApplications,
                            resource: .application(organisationID: own.id)),
                        Route(
                            method: .put, path: "/api/v1/applications/\(otherApplication.id)", body: contentBody, action: .editApplications,
                            resource: .application(organisationID: other.id)),
                        Route(
                            method: .get, path: "/api/v1/applications/\(ownApplication.id)/documents", body: nil, action: .viewApplications,
                            resource: .application(organisationID: own.id),
                            decide: { [id = own.id] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: false, conflicted: false))
                            }),
                        Route(
                            method: .get, path: "/api/v1/applications/\(otherApplication.id)/documents", body: nil, action: .viewApplications,
                            resource: .application(organisationID: other.id),
                            decide: { [id = other.id] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: false, conflicted: false))
                            }),
                        Route(
                            method: .post, path: "/api/v1/applications/\(ownApplication.id)/documents?kind=other&file_name=x.pdf",
                            body: String(buffer: pdf),
                            action: .editApplications, resource: .application(organisationID: own.id)),
                        Route(
                            method: .post, path: "/api/v1/applications/\(otherApplication.id)/documents?kind=other&file_name=x.pdf",
                            body: String(buffer: pdf),
                            action: .editApplications, resource: .application(organisationID: other.id)),
                        Route(
                            method: .get, path: "/api/v1/documents/\(ownDocument.id)", body: nil, action: .viewApplications,
                            resource: .application(organisationID: own.id),
                            decide: { [id = own.id] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: false, conflicted: false))
                            }),
                        Route(
                            method: .get, path: "/api/v1/documents/\(otherDocument.id)", body: nil, action: .viewApplications,
                            resource: .application(organisationID: other.id),
                            decide: { [id = other.id] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: false, conflicted: false))
                            }),
                        Route(
                            method: .delete, path: "/api/v1/documents/\(ownThrowaway.id)", body: nil, action: .editApplications,
                            resource: .application(organisationID: own.id)),
                        Route(
                            method: .delete, path: "/api/v1/documents/\(otherThrowaway.id)", body: nil, action: .editApplications,
                            resource: .application(organisationID: other.id)),
                        Route(
                            method: .get, path: "/api/v1/applications/export?format=xlsx", body: nil, action: .exportApplications, resource: .registry
                        ),
                        Route(
                            method: .post, path: "/api/v1/contests/\(contest.id)/applications/import",
                            body:
                                "application,nomination,organisation,surname,name,birth_date,position,experience_start\nA,vozhatyi,\(own.id),Ким,\(column),1996-01-01,Вожатая,2021-09-01\n",
                            action: .importApplications, resource: .registry),
                        Route(method: .get, path: "/api/v1/panels", body: nil, action: .viewScoring, resource: .registry),
                        Route(
                            method: .post, path: "/api/v1/panels",
                            body: #"{"contest_id":\#(scored.id),"title":"Жюри \#(column)","order_number":"2"}"#,
                            action: .manageJury, resource: .registry),
                        Route(method: .get, path: "/api/v1/contests/\(scored.id)/board", body: nil, action: .viewScoring, resource: .registry),
                        Route(method: .get, path: "/api/v1/contests/\(scored.id)/results", body: nil, action: .viewScoring, resource: .registry),
                        Route(
                            method: .put, path: "/api/v1/contests/\(scored.id)/decisions", body: "ties: []\n", action: .manageJury,
                            resource: .registry),
                        Route(method: .get, path: "/api/v1/jury/work", body: nil, action: .enterScores, resource: .registry),
                        Route(
                            method: .get, path: "/api/v1/applications/\(scoredApplication.id)/documents", body: nil, action: .viewApplications,
                            resource: .application(organisationID: own.id),
                            decide: { [id = own.id, assigned = column == "juror"] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: assigned, conflicted: false))
                            }),
                        Route(
                            method: .get, path: "/api/v1/documents/\(scoredDocument.id)", body: nil, action: .viewApplications,
                            resource: .application(organisationID: own.id),
                            decide: { [id = own.id, assigned = column == "juror"] in
                                AccessPolicy.decideDocuments(
                                    $0, application: .application(organisationID: id), asJuror: .scoring(assigned: assigned, conflicted: false))
                            }),
                        Route(
                            method: .get, path: "/api/v1/sheets/\(scoredApplication.id)/portfolio", body: nil, action: .enterScores,
                            resource: .scoring(assigned: column == "juror", conflicted: false)),
                        Route(
                            method: .post, path: "/api/v1/jury/contests/\(scored.id)/no-conflict", body: nil, action: .enterScores,
                            resource: .scoring(assigned: column == "juror", conflicted: false)),
                        Route(
                            method: .put, path: "/api/v1/panels/\(panel.id)/members", body: #"{"login":"as-juror","role":"member"}"#,
                            action: .manageJury, resource: .registry),
                        Route(
                            method: .put, path: "/api/v1/contests/\(scored.id)/assignments",
                            body: #"{"application_id":\#(scoredApplication.id),"user_id":\#(signedIn["juror"]!.actor.userID),"assigned":true}"#,
                            action: .manageJury, resource: .registry),
                        Route(
                            method: .post, path: "/api/v1/contests/\(scored.id)/scores", body: "entry,juror,trial,criterion,score\n",
                            action: .manageJury, resource: .registry),
                    ]
                    for route in routes {
                        var headers: HTTPFields = [.contentType: "application/json"]
                        if let token { headers[.authorization] = "Bearer \(token)" }
                        let status = try await client.execute(
                            uri: route.path, method: route.method, headers: headers, body: route.body.map { ByteBuffer(string: $0) }
                        ) { $0.status }
                        let expected = route.decide?(actor) ?? AccessPolicy.decide(actor, route.action, route.resource)
                        let matches =
                            switch expected {
                            case .allow: (200..<300).contains(status.code)
                            case .unauthenticated: status == .unauthorized
                            case .forbidden: status == .forbidden
                            case .notFound: status == .notFound
                            }
                        #expect(matches, "\(column) \(route.method) \(route.path): \(status.code), policy says \(expected)")
                    }
                }
            }
        }
    }

    @Test func aCoordinatorGuessingIdsLearnsNothing() async throws {
        try await withServices { services, database in
            let admin = KonkursServices.commandLine
            let own = try await services.organisations.create(admin, OrganisationDraft(fullName: "Школа", shortName: "Школа", kind: .school))
            let other = try await services.organisations.create(admin, OrganisationDraft(fullName: "Сад", shortName: "Сад", kind: .kindergarten))
            let (_, invitation) = try await services.users.add(
                admin, try UserDraft.validated(login: "coord", fullName: "Координатор", email: nil, organisationID: own.id, roles: ["coordinator"]))
            _ = try await services.users.acceptInvitation(token: invitation, password: "пароль-coord", origin: admin)
            let token = try await services.auth.apiLogin(login: "coord", password: "пароль-coord", address: nil).token
            try await withApp(services: services) { client in
                let headers: HTTPFields = [.authorization: "Bearer \(token)"]
                let existing = try await client.execute(uri: "/api/v1/organisations/\(other.id)", method: .get, headers: headers) {
                    ($0.status, String(buffer: $0.body))
                }
                let missing = try await client.execute(uri: "/api/v1/organisations/987654", method: .get, headers: headers) {
                    ($0.status, String(buffer: $0.body))
                }
                #expect(existing.0 == .notFound)
                #expect(existing.0 == missing.0 && existing.1 == missing.1)
            }
        }
    }
}
