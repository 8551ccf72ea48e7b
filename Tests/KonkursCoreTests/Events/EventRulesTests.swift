import Foundation
import Testing

@testable import KonkursCore

/// An event's chain: approved by the department's order without the jury's stages.
@Suite struct EventRulesTests {
    @Test func anApprovalChainSkipsTheJury() throws {
        #expect(ContestPhase.admissionReview.next(.approval) == [.approved, .cancelled])
        #expect(ContestPhase.admissionReview.next(.jury) == [.stageActive, .cancelled])
        #expect(try ContestPhase.admissionReview.transition(to: .approved, chain: .approval) == .approved)
        #expect(throws: ContestPhase.RefusedTransition(from: .admissionReview, to: .approved)) {
            try ContestPhase.admissionReview.transition(to: .approved, chain: .jury)
        }
        #expect(ContestPhase.applicationsOpen.next(.approval) == ContestPhase.applicationsOpen.next)
    }

    @Test func theEventIsReadFromTheRegulation() throws {
        let text = """
            format: konkurs/1
            contest: Неделя
            edition: "1"
            nominations:
              - {id: mk, title: МК, places: false, minimum_entrants: 1, fields: [{id: tema, title: Тема, type: text}]}
            event: {certificates: [presenters], session_title: tema}
            stages:
              - id: s1
                title: Этап
                trials: [{id: t1, title: И, criteria: [{id: c1, title: К, min: 1, max: 5}]}]
            """
        let regulation = try RegulationParser.parse(text, file: "e.yaml")
        #expect(regulation.event == EventRules(chain: .approval, certificates: [.presenters], sessionTitle: "tema"))
        #expect(regulation.chain == .approval)
        let wrong = #expect(throws: RegulationError.self) {
            try RegulationParser.parse(
                text.replacingOccurrences(of: "session_title: tema", with: "session_title: topic, chain: votes"), file: "e.yaml")
        }
        #expect(wrong?.issues.map(\.field).sorted() == ["event.chain", "event.session_title"])
        #expect(ProgrammeSession.isTime("09:05") && !ProgrammeSession.isTime("9:05") && !ProgrammeSession.isTime("24:00"))
    }
}
