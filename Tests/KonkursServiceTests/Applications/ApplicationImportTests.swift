import Foundation
import KonkursCore
import KonkursStore
import Testing

@testable import KonkursService
@testable import KonkursTesting

/// The department imports applications collected on paper or by e-mail as drafts of their organisations.
@Suite struct ApplicationImportTests {
    let admin = KonkursServices.commandLine
    let worlds = ApplicationServiceTests()
    static let header =
        "application,nomination,organisation,role,surname,name,patronymic,birth_date,position,experience_start,consent_processing,consent_publication\n"

    @Test func pairsBecomeDraftsOfTheirOrganisationsWhichSubmitThemAsUsual() async throws {
        try await worlds.withWorld("luchshii-pedagog-nastavnik") { world in
            // The pair's own fields come in `field:ID` columns, read from the application's first line.
            let fields = ",2023-09-01,Математика без страха,педагог — педагог\n"
            let csv =
                String(Self.header.dropLast()) + ",field:vmeste_s,field:praktika,field:forma\n"
                + "N1,nastavnik,СОШ № 1,mentor,Миронова,Елена,Викторовна,1975-02-14,Учитель математики,1998-09-01,да,full_name;organisation\(fields)"
                + "N1,nastavnik,СОШ № 1,mentee,Фомин,Кирилл,,2000-06-03,Учитель математики,2023-09-01,да,full_name;organisation\(fields)"
                + "N2,nastavnik,\(world.other.id),mentor,Ершова,Наталья,Ивановна,1979-10-30,Старший воспитатель,2001-09-01,,\(fields)"
                + "N2,nastavnik,\(world.other.id),mentee,Лаптева,Анна,,2001-12-12,Воспитатель,2023-09-01,,\(fields)"
            let report = try await world.services.applications.importFile(
                admin, contestID: world.contest.id, file: InputFile(name: "paper.csv", text: csv))
            #expect(report.applications == 2 && report.members == 4)

            let all = try await world.services.applications.list(admin, filter: .init(contest: world.contest.id))
            #expect(all.count == 2 && all.allSatisfy { $0.status == .draft })
            let school = try #require(all.first { $0.organisationID == world.school.id })
            #expect(school.members.map(\.surname) == ["Миронова", "Фомин"] && school.members.map(\.role) == [.mentor, .mentee])
            #expect(school.consentProcessing && school.consentPublication == ["full_name", "organisation"])
            #expect(school.fields == ["vmeste_s": "2023-09-01", "praktika": "Математика без страха", "forma": "педагог — педагог"])

            let kindergarten = try #require(all.first { $0.organisationID == world.other.id })
            #expect(!kindergarten.consentProcessing && kindergarten.consentPublication == nil, "an empty cell decides nothing")

            // The school's coordinator sees only its own draft and submits it like any other.
            let seen = try await world.services.applications.list(world.coordinator, filter: .init(contest: world.contest.id))
            #expect(seen.map(\.id) == [school.id])
            _ = try await world.services.applications.attach(
                world.coordinator, applicationID: school.id, kind: "predstavlenie", fileName: "p.pdf", content: ApplicationServiceTests.pdf)
            let submitted = try await world.services.applications.submit(world.coordinator, id: school.id, now: world.closes.addingTimeInterval(-60))
            #expect(submitted.status == .submitted)

            let audit = try await world.services.audit.recent(admin)
            let created = audit.filter { $0.action == "application.create" }
            #expect(Set(created.map(\.target)) == Set(all.map { "application:\($0.id)" }))
            #expect(created.allSatisfy { $0.details.contains("\"import\": \"\(report.importID)\"") })
            #expect(
                created.contains {
                    $0.target == "application:\(school.id)" && $0.details.contains("\"consent_publication\": \"full_name,organisation\"")
                })
            #expect(audit.filter { $0.action == "application.import" }.count == 1)
        }
    }

    @Test func theSameFileTwiceIsRefusedAndWritesNothing() async throws {
        try await worlds.withWorld("vozhatyi-goda") { world in
            let file = InputFile(name: "a.csv", text: Self.header + "A,vozhatyi,СОШ № 1,,Петрова,Анна,,1995-04-12,Вожатая,2021-09-01,да,нет\n")
            _ = try await world.services.applications.importFile(admin, contestID: world.contest.id, file: file)
            await #expect(
                throws: ServiceError.conflict("этот файл уже загружен в конкурс (загрузка № 1, konkurs-cli); повторная загрузка удвоила бы заявки")
            ) {
                try await world.services.applications.importFile(admin, contestID: world.contest.id, file: file)
            }
            let all = try await world.services.applications.list(admin, filter: .init(contest: world.contest.id))
            #expect(all.count == 1 && all[0].consentPublication == [])
        }
    }

    @Test func everyProblemIsReportedWithItsLineAndNothingIsWritten() async throws {
        try await worlds.withWorld("luchshii-pedagog-nastavnik") { world in
            let csv =
                Self.header
                + "A,nastavnik,СОШ № 1,mentor,Миронова,Елена,,1975-02-14,Учитель,1998-09-01,,\n"  // line 2: fine
                + "B,vozhatyi,СОШ № 1,mentor,Ким,Ли,,1975-02-14,Учитель,1998-09-01,,\n"  // line 3: no such nomination
                + "C,nastavnik,Школа-призрак,mentor,Ким,Ли,,1975-02-14,Учитель,1998-09-01,,\n"  // line 4: no such organisation
                + "D,nastavnik,ДОУ № 7,mentor,Ким,Ли,,1975-02-14,Учитель,1998-09-01,,\n"  // line 5: fine
                + "D,nastavnik,ДОУ № 7,mentee,,Ли,,14.02.1975,Учитель,1998-09-01,,\n"  // line 6: no surname, a date in the wrong form
                + "E,nastavnik,ДОУ № 7,tutor,Ким,Ли,,1975-02-14,Учитель,1998-09-01,,\n"  // line 7: unknown role
            let error = await #expect(throws: InputError.self) {
                try await world.services.applications.importFile(admin, contestID: world.contest.id, file: InputFile(name: "bad.csv", text: csv))
            }
            #expect(error?.problems.map(\.line) == [3, 4, 6, 6, 7])
            #expect(error?.problems.last?.message.contains("Роли «tutor» в номинации нет; положение называет: наставник, наставляемый") == true)

            let badShape = csv.replacingOccurrences(of: ",tutor,Ким,", with: ",tutor,")
            let shape = await #expect(throws: InputError.self) {
                try await world.services.applications.importFile(admin, contestID: world.contest.id, file: InputFile(name: "bad.csv", text: badShape))
            }
            #expect(shape?.problems.map(\.line) == [7], "the file's shape is checked before its meaning")

            #expect(error?.message.contains("bad.csv:4: организации «Школа-призрак» нет в реестре") == true)
            let written = try await world.services.applications.list(admin, filter: .init(contest: world.contest.id))
            #expect(written.isEmpty)
        }
    }

    @Test func onlyTheDepartmentImportsAndOnlyWhileApplicationsAreTaken() async throws {
        try await worlds.withWorld("vozhatyi-goda") { world in
            let file = InputFile(name: "a.csv", text: Self.header + "A,vozhatyi,СОШ № 1,,Петрова,Анна,,1995-04-12,Вожатая,2021-09-01,да,нет\n")
            await #expect(throws: ServiceError.forbidden) {
                try await world.services.applications.importFile(world.coordinator, contestID: world.contest.id, file: file)
            }
            _ = try await world.services.contests.transition(admin, id: world.contest.id, to: .applicationsClosed)
            await #expect(
                throws: ServiceError.conflict("загружать заявки можно, пока конкурс объявлен или идёт приём заявок; сейчас — «приём заявок завершён»")
            ) {
                try await world.services.applications.importFile(admin, contestID: world.contest.id, file: file)
            }
        }
    }

    @Test func largeFilesAreWrittenInChunksInTheFilesOrder() async throws {
        try await worlds.withWorld("vozhatyi-goda") { world in
            let chunk = ApplicationService.importChunk
            let count = chunk * 2 + 17
            var csv = Self.header
            for index in 0..<count { csv += "A\(index),vozhatyi,СОШ № 1,,Фамилия\(index),Анна,,1995-04-12,Вожатая,2021-09-01,да,нет\n" }
            let steps = Steps()
            let report = try await world.services.applications.importFile(
                admin, contestID: world.contest.id, file: InputFile(name: "big.csv", text: csv)
            ) { written, total in steps.add(written, total) }
            #expect(report.applications == count)
            #expect(steps.all == [chunk, chunk * 2, count].map { "\($0)/\(count)" }, "progress after every chunk")
            let all = try await world.services.applications.list(admin, filter: .init(contest: world.contest.id)).sorted { $0.id < $1.id }
            #expect(all.map { $0.members[0].surname } == (0..<count).map { "Фамилия\($0)" })
        }
    }

    /// Progress reports, collected across the closure's calls.
    final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private var steps: [String] = []
        func add(_ written: Int, _ total: Int) { lock.withLock { steps.append("\(written)/\(total)") } }
        var all: [String] { lock.withLock { steps } }
    }
}
