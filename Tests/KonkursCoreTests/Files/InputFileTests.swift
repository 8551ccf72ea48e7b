import Testing

@testable import KonkursCore

/// Bad score files: every problem is listed with its line, and nothing is computed.
@Suite struct InputFileTests {
    typealias F = EngineFixture

    let regulation = try! F.regulation(trials: [
        "{id: t, title: T, attempts: 2, across_jurors: mean, criteria: [{id: a, title: A, max: 10}, {id: b, title: B, max: 5, step: 0.5}], components: [{kind: factor, title: F}]}",
        "{id: u, title: U, criteria: [{id: c, title: C, max: 5}]}",
    ])

    func problems(_ scores: String, entries: String? = nil, jurors: String? = nil) -> [String] {
        do {
            _ = try ScoreFileReader.read(
                regulation: regulation, scores: InputFile(name: "S.csv", text: scores),
                entries: entries.map { InputFile(name: "E.csv", text: $0) }, jurors: jurors.map { InputFile(name: "J.csv", text: $0) })
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func aWrongHeaderIsReported() {
        let found = problems("entrant,juror,criterion,score\nE1,J1,a,5\n")
        #expect(found.contains { $0.hasPrefix("S.csv:1: неизвестный столбец «entrant»") })
        #expect(found.contains { $0.hasPrefix("S.csv:1: в заголовке нет обязательных столбцов: entry") })
    }

    @Test func everyBadRowIsListedWithItsLine() {
        let found = problems(
            """
            entry,juror,criterion,score
            E1,J1,a,5
            E1,J1,b,"4,5"
            E1,J2,a,11
            E1,J2,b,4.25
            E1,J3,zz,3
            E1,J1,a,6
            E1,J4,a,3,extra
            """)
        #expect(
            found == [
                "S.csv:3: оценка «4,5» не число (разделитель дробной части — точка)",
                "S.csv:4: оценка 11 вне шкалы критерия «a»: от 0 до 10 с шагом 1",
                "S.csv:5: оценка 4.25 вне шкалы критерия «b»: от 0 до 5 с шагом 0.5",
                "S.csv:6: критерий «zz» не объявлен в положении",
                "S.csv:8: в строке 5 полей, в заголовке 4",
            ])
    }

    @Test func duplicateMarksNameBothLines() {
        let found = problems("entry,juror,criterion,score\nE1,J1,a,5\nE1,J1,b,3\nE1,J1,a,6\n")
        #expect(found == ["S.csv:4: повтор: член жюри «J1» уже оценил «E1» по критерию «a» (попытка 1) в строке 2"])
    }

    @Test func aJurorWhoMarkedOnlySomeCriteriaOfATotalIsReported() {
        let found = problems("entry,juror,criterion,score\nE1,J1,a,5\nE1,J1,b,\nE1,J2,a,4\nE1,J2,b,3\n")
        #expect(found == ["S.csv:2: член жюри «J1» оценил «E1» в испытании «t» по 1 из 2 критериев: итог члена жюри неполон"])
    }

    @Test func unknownJurorsAndEntriesAreReportedWhenListsAreGiven() {
        let found = problems(
            "entry,juror,criterion,score\nE1,J1,a,5\nE1,J1,b,3\nE9,J1,a,5\nE1,J7,a,5\n",
            entries: "entry,name\nE1,Анна\n", jurors: "juror\nJ1\n")
        #expect(found == ["S.csv:4: участник «E9» не указан в списке участников", "S.csv:5: член жюри «J7» не указан в списке жюри"])
    }

    @Test func attemptValuesMustAgreeAcrossTheAttemptsRows() {
        let found = problems("entry,juror,criterion,attempt,score,factor\nE1,J1,a,1,5,1.2\nE1,J1,b,1,3,1.3\nE1,J1,a,3,5,1\n")
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("S.csv:3: factor/extra попытки 1 участника «E1» в испытании «t» расходятся со строкой 2"))
        #expect(found[1] == "S.csv:4: попытка «3»: в испытании «t» попыток 2")
    }

    @Test func aComponentTheRowsTrialDoesNotDeclareOrOutOfItsRangeIsRefused() {
        let strict = try! F.regulation(trials: [
            "{id: t, title: T, criteria: [{id: a, title: A, max: 10}], components: [{kind: extra, id: bonus, title: Бонус, max: 3}]}",
            "{id: u, title: U, criteria: [{id: c, title: C, max: 5}]}",
        ])
        let read = { (scores: String) -> [String] in
            do throws(InputError) {
                _ = try ScoreFileReader.read(regulation: strict, scores: InputFile(name: "S.csv", text: scores))
                return []
            } catch {
                return error.problems.map(\.description)
            }
        }
        #expect(read("entry,juror,criterion,score,extra:bonus\nE1,J1,a,5,2\nE1,J1,c,4,\n") == [])
        #expect(
            read("entry,juror,criterion,score,extra:bonus,penalty\nE1,J1,a,5,4,\nE1,J1,c,4,1,\n") == [
                "S.csv:1: столбец «penalty»: ни одно испытание положения его не объявляет (components), значения не будут учтены",
                "S.csv:2: «extra:bonus» (Бонус): 4 больше допустимого 3",
                "S.csv:3: «extra:bonus»: испытание «u» не объявляет такого значения (components)",
            ])
    }

    @Test func brokenQuotingStopsWithItsLine() {
        #expect(problems("entry,juror,criterion,score\nE1,J1,a,\"5\n") == ["S.csv:2: нарушен формат CSV: кавычка не закрыта"])
    }

    @Test func theListIsCappedButTheCountIsNot() {
        let rows = (1...80).map { "E\($0),J1,a,99" }.joined(separator: "\n")
        do {
            _ = try ScoreFileReader.read(regulation: regulation, scores: InputFile(name: "S.csv", text: "entry,juror,criterion,score\n" + rows))
            Issue.record("80 marks out of scale were accepted")
        } catch {
            #expect(error.problems.count == InputError.listLimit)
            #expect(error.total == 80)
            #expect(error.message.contains("… и ещё 30"))
        }
    }

    @Test func quotedFieldsAndCRLFAndABOMAreRead() throws {
        let text = "\u{FEFF}entry,juror,criterion,score\r\n\"E,1\",\"J \"\"1\"\"\",a,5\r\n\"E,1\",\"J \"\"1\"\"\",b,2.5\r\n"
        let input = try ScoreFileReader.read(regulation: regulation, scores: InputFile(name: "S.csv", text: text))
        #expect(input.entries.map(\.id) == ["E,1"])
        #expect(input.jurors == ["J \"1\""])
        #expect(input.marks.map(\.score) == [F.number("5"), F.number("2.5")])
    }
}
