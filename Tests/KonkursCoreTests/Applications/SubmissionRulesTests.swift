import Foundation
import Testing

@testable import KonkursCore

/// The rules checked when an application is submitted, each refusal naming its rule.
@Suite struct SubmissionRulesTests {
    static let regulation = try! RegulationParser.parse(
        """
        format: konkurs/1
        contest: Конкурс
        edition: "2026"
        nominations:
          - id: main
            title: Основная
            quota_per_organisation: 2
            minimum_entrants: 3
            eligibility: {organisation_kinds: [ОУ], categories: [первая, высшая]}
            documents:
              - {id: predstavlenie, title: Представление}
              - {id: foto, title: Фотография, required: false}
            video: required
          - {id: free, title: Свободная, self_nomination: true, minimum_entrants: 1}
          - {id: show, title: Показ, places: false, minimum_entrants: 5}
          - {id: duo, title: Наставник и наставляемый, entry: pair, minimum_entrants: 1}
        stages:
          - id: s1
            title: Этап
            trials:
              - {id: t1, title: Испытание, criteria: [{id: c1, title: Критерий, min: 0, max: 10}]}
        """, file: "R.yaml")

    static let closes = Date(timeIntervalSince1970: 1_800_000_000)

    func application(
        nomination: String = "main", category: String? = "Высшая", publication: [String]? = ["full_name"], selfNominated: Bool = false,
        video: [String] = ["https://video.example/1"]
    ) -> Application {
        Application(
            id: 1, contestID: 1, nomination: nomination, organisationID: 1, status: .draft,
            members: [
                .init(
                    role: .nominee, surname: "Ким", name: "Мария", patronymic: nil, birthDate: "1990-01-01", position: "Учитель", subject: nil,
                    experienceStart: "2012-09-01", category: category, contacts: nil)
            ],
            consentProcessing: true, consentPublication: publication, selfNominated: selfNominated, videoLinks: video, reason: nil)
    }

    func problems(
        _ application: Application, kind: Organisation.Kind = .school, documents: Set<String> = ["predstavlenie"], used: Int = 0,
        now: Date = closes.addingTimeInterval(-1)
    ) -> [String] {
        SubmissionRules.problems(
            application,
            .init(
                regulation: Self.regulation, phase: .applicationsOpen, closesAt: Self.closes, now: now, today: CalendarDate("2026-03-01")!,
                quotaUsed: used,
                organisationKind: kind, documentKinds: documents))
    }

    @Test func aCompleteApplicationPasses() {
        #expect(problems(application()).isEmpty)
        #expect(problems(application(publication: [])).isEmpty, "refusing publication is a decision too")
        #expect(problems(application(nomination: "free", category: nil, selfNominated: true, video: []), documents: []).isEmpty)
    }

    @Test func eachMissingPieceIsNamed() {
        #expect(
            problems(application(publication: nil)) == [
                "Не указано решение о согласии на распространение персональных данных: отметьте, что можно публиковать, или «не публиковать»"
            ])
        #expect(problems(application(), documents: ["foto"]) == ["Не приложен обязательный документ «Представление»"])
        #expect(problems(application(video: [])) == ["Положение требует ссылку на видеоролик"])
        #expect(problems(application(selfNominated: true)) == ["Положение не допускает самовыдвижение в номинации «Основная»"])
        #expect(problems(application(), kind: .kindergarten) == ["Положение допускает заявки только от организаций типа ОУ; эта организация — ДОУ"])
        #expect(problems(application(category: nil)) == ["Ким Мария: категория «не указана» не допускается; положение допускает: первая, высшая"])
        #expect(problems(application(), used: 2) == ["Квота организации в номинации «Основная» исчерпана: не более 2 заявок"])
        #expect(
            problems(application(), now: Self.closes) == ["Приём заявок закрыт: заявки принимаются только до окончания срока, указанного в положении"]
        )
    }

    @Test func aPairNominationNeedsAMentorAndAMentee() {
        var pair = application(nomination: "duo", category: nil, video: [])
        #expect(
            problems(pair, documents: []) == [
                "В заявке 1 человек, положение требует 2 человека",
                "Ким Мария: роли «nominee» в номинации нет; положение называет: наставник, наставляемый",
                "Роль «наставник»: в заявке 0, положение требует 1", "Роль «наставляемый»: в заявке 0, положение требует 1",
            ])

        pair.members = [Role.mentor, .mentee].map { role in
            .init(
                role: role, surname: role == .mentor ? "Ким" : "Ли", name: "Мария", patronymic: nil, birthDate: "1990-01-01", position: "Учитель",
                subject: nil, experienceStart: "2012-09-01", category: nil, contacts: nil)
        }
        #expect(problems(pair, documents: []).isEmpty)
        #expect(pair.entryTitle == "Ким Мария — Ли Мария")
    }

    typealias Role = Application.Member.Role

    @Test func nominationsBelowTheirMinimumAreNotHeld() {
        let notHeld = NominationsHeld.notHeld(Self.regulation, entries: ["main": 2, "free": 1, "duo": 1], counted: "подано заявок")
        #expect(
            notHeld == ["main": "не проводится: подано заявок 2, положение требует не менее 3"], "participation-only «Показ» has no minimum to meet")
        #expect(NominationsHeld.notHeld(Self.regulation, entries: ["main": 3, "free": 1, "duo": 1], counted: "подано заявок").isEmpty)
    }

    @Test func theRegulationsApplicationFieldsAreParsedAndChecked() throws {
        let main = try #require(Self.regulation.nomination("main"))
        #expect(
            main.documents == [
                .init(id: "predstavlenie", title: "Представление", required: true), .init(id: "foto", title: "Фотография", required: false),
            ])
        #expect(main.video == .required && !main.selfNomination && main.eligibility.organisationKinds == [.school])
        let bad = #expect(throws: RegulationError.self) {
            try RegulationParser.parse(
                """
                format: konkurs/1
                contest: К
                edition: "1"
                nominations:
                  - {id: a, title: А, video: sometimes, eligibility: {organisation_kinds: [вуз]}, documents: [{id: x, title: X}, {id: x, title: Y}]}
                stages: [{id: s, title: С, trials: [{id: t, title: Т, criteria: [{id: c, title: К, min: 0, max: 1}]}]}]
                """, file: "R.yaml")
        }
        let text = bad?.issues.map(\.description).joined(separator: "\n") ?? ""
        #expect(text.contains("nominations[0].video"))
        #expect(text.contains("nominations[0].eligibility.organisation_kinds[0]: тип организации: ОУ, ДОУ, УДО или другое"))
        #expect(text.contains("nominations[0].documents[1].id: документ «x» уже описан выше"))
    }
}
