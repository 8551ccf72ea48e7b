import Foundation
import Testing

@testable import KonkursCore

/// Entries as a nomination declares them: a team's roster, a pair's condition, an organisation,
/// and the contest's own fields, each refusal naming its rule and the field.
@Suite struct EntryRulesTests {
    static let regulation = try! RegulationParser.parse(
        """
        format: konkurs/1
        contest: Конкурс
        edition: "2026"
        nominations:
          - id: team
            title: Команды
            eligibility: {reference_date: 2026-09-01}
            entry:
              kind: team
              size: {min: 4, max: 8}
              roles:
                - {id: captain, title: капитан, min: 1, max: 1, eligibility: {max_age: 35}}
                - {id: teacher, title: молодой педагог, min: 1, max: 4}
                - {id: mentor, title: наставник, min: 1, max: 2}
                - {id: pupil, title: обучающийся, data: pupil, max: 2}
            fields:
              - {id: topic, title: Тема проекта, type: text, required: true}
              - {id: age, title: Возраст аудитории, type: choice, options: [5–7 лет, 8–11 лет]}
              - {id: minutes, title: Длительность, type: number}
              - {id: page, title: Страница, type: link, visible: department}
          - id: pair
            title: Пары
            eligibility: {reference_date: 2026-09-01}
            entry:
              kind: pair
              roles:
                - {id: mentor, title: наставник, min: 1, max: 1, eligibility: {min_experience_years: 5}}
                - {id: mentee, title: наставляемый, min: 1, max: 1, eligibility: none}
              together: {field: since, min_years: 1}
            fields: [{id: since, title: Наставничество с, type: date, required: true}]
          - {id: org, title: Организации, entry: organisation, quota_per_organisation: 1}
        stages:
          - id: s1
            title: Этап
            trials:
              - {id: t1, title: Испытание, criteria: [{id: c1, title: Критерий, min: 0, max: 10}]}
        """, file: "R.yaml")

    typealias Member = Application.Member

    static func teacher(_ role: Member.Role, _ surname: String, born: String = "1995-01-01", started: String = "2020-09-01") -> Member {
        Member(
            role: role, surname: surname, name: "Анна", patronymic: nil, birthDate: born, position: "Учитель", subject: nil, experienceStart: started,
            category: nil, contacts: nil)
    }

    static func pupil(_ surname: String, guardian: String? = "Иванова Ольга Петровна") -> Member {
        Member(
            role: "pupil", surname: surname, name: "Миша", patronymic: nil, birthDate: "", position: "7 класс", subject: nil, experienceStart: "",
            category: nil, contacts: nil, guardian: guardian)
    }

    /// A team of six with two pupils, as «Лидеры образования» has them.
    static var team: Application {
        Application(
            id: 1, contestID: 1, nomination: "team", organisationID: 1, status: .draft,
            members: [
                teacher(.captain, "Ким"), teacher("teacher", "Ли"), teacher("teacher", "Пак"), teacher(.mentor, "Орлова", born: "1970-01-01"),
                pupil("Иванов"), pupil("Петров"),
            ], consentProcessing: true, consentPublication: [], entryName: "Звёзды", fields: ["topic": "Школа радости"], reason: nil)
    }

    func problems(_ application: Application, used: Int = 0) -> [String] {
        SubmissionRules.problems(
            application,
            .init(
                regulation: Self.regulation, phase: .applicationsOpen, closesAt: Date.distantFuture, now: Date(), today: CalendarDate("2026-10-01")!,
                quotaUsed: used, organisationKind: .school, documentKinds: []))
    }

    @Test func aTeamOfSixWithTwoPupilsPasses() {
        #expect(problems(Self.team).isEmpty)
        #expect(Self.team.entryTitle == "Звёзды")
        #expect(Self.team.diplomaRecipients(organisation: "СОШ № 1").count == 6, "every member gets their own diploma")
    }

    @Test func aRosterOutsideItsSizeOrRolesIsRefusedNamingTheRule() {
        var small = Self.team
        small.members = Array(small.members.prefix(3))
        #expect(
            problems(small) == [
                "В заявке 3 человека, положение требует от 4 до 8 человек", "Роль «наставник»: в заявке 0, положение требует от 1 до 2",
            ])
        var large = Self.team
        large.members += (1...3).map { Self.teacher("teacher", "Новиков\($0)") }
        #expect(
            problems(large) == [
                "В заявке 9 человек, положение требует от 4 до 8 человек", "Роль «молодой педагог»: в заявке 5, положение требует от 1 до 4",
            ])
        var stranger = Self.team
        stranger.members[1].role = "coach"
        #expect(
            problems(stranger).contains("Ли Анна: роли «coach» в номинации нет; положение называет: капитан, молодой педагог, наставник, обучающийся")
        )
    }

    @Test func aPupilNeedsAGuardianAndCannotBeAMentor() {
        var team = Self.team
        team.members[4].guardian = nil
        #expect(
            problems(team) == [
                "Иванов Миша (обучающийся): согласия обучающегося даёт родитель или законный представитель — укажите его ФИО"
            ])
        var young = Self.team
        young.members[3] = Self.teacher(.mentor, "Сидоров", born: "2011-05-01", started: "2025-09-01")
        #expect(problems(young).contains { $0.hasPrefix("Сидоров Анна: на 01.09.2026 15 лет — педагогические роли только для совершеннолетних") })
    }

    @Test func aRoleDeclaresItsOwnEligibility() {
        var team = Self.team
        team.members[0] = Self.teacher(.captain, "Ким", born: "1980-01-01")
        #expect(problems(team) == ["Ким Анна: на 01.09.2026 возраст 46 лет, положение допускает не старше 35"])
    }

    @Test func aTeamNeedsItsNameAndItsRequiredFields() {
        var team = Self.team
        team.entryName = nil
        team.fields = ["age": "12 лет", "minutes": "пять", "page": "ftp://x"]
        #expect(
            problems(team) == [
                "Не заполнено поле «Название команды»", "Не заполнено обязательное поле «Тема проекта»",
                "«Возраст аудитории»: выберите одно из: 5–7 лет; 8–11 лет", "«Длительность»: ожидается число, например 12 или 4,5",
                "«Страница»: ссылка начинается с https:// или http://, не длиннее 500 символов",
            ])
        #expect(
            OwnField.problems(["ghost": "x"], declared: Self.regulation.nominations[0].fields, submitting: false).map(\.field) == ["fields.ghost"])
        #expect(OwnField.problems(["minutes": "4,5"], declared: Self.regulation.nominations[0].fields, submitting: false).isEmpty)
    }

    static var pair: Application {
        Application(
            id: 2, contestID: 1, nomination: "pair", organisationID: 1, status: .draft,
            members: [
                teacher(.mentor, "Миронова", born: "1975-01-01", started: "1998-09-01"),
                teacher(.mentee, "Фомин", born: "2000-01-01", started: "2025-09-01"),
            ],
            consentProcessing: true, consentPublication: ["full_name"], fields: ["since": "2024-09-01"], reason: nil)
    }

    @Test func aPairWorksTogetherLongEnoughAndTheMentorHasTheService() {
        #expect(problems(Self.pair).isEmpty)
        #expect(Self.pair.entryTitle == "Миронова Анна — Фомин Анна")
        #expect(Self.pair.diplomaRecipients(organisation: "СОШ").count == 2)
        var recent = Self.pair
        recent.fields["since"] = "2026-01-15"
        #expect(problems(recent) == ["«Наставничество с»: на 01.09.2026 пара работает вместе 0 лет, положение требует минимум 1 год"])
        var junior = Self.pair
        junior.members[0] = Self.teacher(.mentor, "Миронова", born: "1990-01-01", started: "2023-09-01")
        #expect(problems(junior) == ["Миронова Анна: на 01.09.2026 педагогический стаж 3 года, положение требует не менее 5"])
    }

    static var organisation: Application {
        Application(
            id: 3, contestID: 1, nomination: "org", organisationID: 1, status: .draft,
            members: [
                Member(
                    role: .contact, surname: "Белова", name: "Ирина", patronymic: nil, birthDate: "", position: "Заместитель директора", subject: nil,
                    experienceStart: "", category: nil, contacts: "+7 900 000-00-00")
            ], consentProcessing: true, consentPublication: [], reason: nil, organisationName: "СОШ № 1")
    }

    @Test func anOrganisationIsNamedByItselfAndNominatedOnce() {
        #expect(problems(Self.organisation).isEmpty, "no birth dates are asked of a contact person")
        #expect(Self.organisation.entryTitle == "СОШ № 1")
        #expect(Self.organisation.diplomaRecipients(organisation: "МБОУ СОШ № 1") == ["МБОУ СОШ № 1"])
        #expect(
            problems(Self.organisation, used: 1).contains("Организация уже выдвинута в номинации «Организации»: вторую заявку на неё подать нельзя"))
    }

    @Test func theRosterIsCheckedWhenTheRegulationIsRead() {
        let refused = #expect(throws: RegulationError.self) {
            try RegulationParser.parse(
                """
                format: konkurs/1
                contest: К
                edition: "1"
                nominations:
                  - id: a
                    title: А
                    entry:
                      kind: pair
                      size: {min: 1, max: 1}
                      roles: [{id: x, title: Икс, min: 2}, {id: x, title: Игрек}]
                      together: {field: since}
                    fields: [{id: f, title: Ф, type: choice}]
                stages:
                  - id: s1
                    title: Этап
                    trials: [{id: t1, title: И, criteria: [{id: c1, title: К, min: 0, max: 10}]}]
                """, file: "bad.yaml")
        }
        let fields = refused?.issues.map(\.field) ?? []
        #expect(
            fields.sorted() == [
                "nominations[0].entry.roles[1].id", "nominations[0].entry.size", "nominations[0].entry.together.field",
                "nominations[0].fields[0].options",
            ])
    }
}
