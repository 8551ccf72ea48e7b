import Foundation
import KonkursCore
import KonkursStore

/// The demo's published edition: last year's «Вожатый года», scored by five jurors over two stages,
/// with a tie for first place decided by the chair's casting vote, signed protocols, the approving
/// order, publication by two people, an appeal the commission rejected, diplomas, and one
/// participant who withdrew the consent to publish (shown as «Участник N»).
enum DemoResults {
    /// Each entry's level (label order P1…P6); P1 and P2 get identical marks, so they tie all the way.
    static let levels: [Double] = [0.85, 0.85, 0.75, 0.65, 0.55, 0.35]

    static func load(_ services: KonkursServices, origin: RequestOrigin, contest: ContestEdition) async throws {
        let panel = try await services.jury.createPanel(
            origin, contestID: contest.id, title: "Жюри конкурса «Вожатый года — 2025»", stage: nil, nomination: nil, orderNumber: "№ 318-од",
            orderDate: nil)
        var jurors = ["demo-juror"] + DemoJury.experts.map(\.0)
        _ = try await services.jury.setMember(origin, panelID: panel.id, login: "demo-chair", role: .chair, organisationID: nil)
        for login in jurors { _ = try await services.jury.setMember(origin, panelID: panel.id, login: login, role: .member, organisationID: nil) }
        jurors.insert("demo-chair", at: 0)
        let applications = try await services.applications.list(origin, filter: .init(contest: contest.id)).sorted { $0.id < $1.id }
        let level = Dictionary(uniqueKeysWithValues: applications.enumerated().map { ($1.id, levels[min($0, levels.count - 1)]) })
        let regulation = try RegulationParser.parse(contest.regulationText, file: "regulation.yaml")
        for stage in regulation.stages {
            _ = try await services.contests.transition(origin, id: contest.id, to: .stageActive)
            _ = try await services.jury.assign(origin, contestID: contest.id)
            for (jurorIndex, login) in jurors.enumerated() {
                let juror = try await services.users.origin(actingAs: login)
                try await services.jury.confirmNoConflict(juror, contestID: contest.id)
                for item in try await services.scores.work(juror) where item.contest.id == contest.id {
                    for trial in stage.trials {
                        let marks = Dictionary(
                            uniqueKeysWithValues: trial.criteria.enumerated().map { criterionIndex, criterion in
                                (
                                    criterion.id,
                                    mark(criterion, level: level[item.application.id] ?? 0.5, noise: (jurorIndex + criterionIndex) % 3 - 1)
                                )
                            })
                        _ = try await services.scores.save(
                            juror, applicationID: item.application.id, trial: trial.id, marks: marks, comments: [:], expectedVersion: 0)
                        _ = try await services.scores.submit(juror, applicationID: item.application.id, trial: trial.id, idempotencyKey: nil)
                    }
                }
            }
            _ = try await services.contests.transition(origin, id: contest.id, to: .stageScored)
            if stage.id == regulation.stages.last?.id {
                let (first, second) = (applications[0].id, applications[1].id)
                try await services.results.recordDecisions(
                    origin, contestID: contest.id,
                    text: """
                        ties:
                          - nomination: vozhatyi
                            method: chair
                            order: ["\(second)", "\(first)"]
                            note: Решающий голос председателя жюри (протокол заседания жюри № 2)
                        """)
            }
            let drawn = try await services.protocols.draw(origin, contestID: contest.id, note: nil)
            for login in jurors where try await services.protocols.get(origin, protocolID: drawn.id).stored.status == .draft {
                _ = try await services.protocols.sign(try await services.users.origin(actingAs: login), protocolID: drawn.id)
            }
        }
        // Within the appeal window an organisation appeals and the commission decides; the results
        // are approved once the window is over (the demo's edition took place last year).
        let appeal = try await services.appeals.file(
            try await services.users.origin(actingAs: "demo-coordinator"), applicationID: applications[0].id,
            text: "Просим пересмотреть решение о первом месте: баллы участников равны.")
        _ = try await services.appeals.decide(
            try await services.users.origin(actingAs: "demo-counting"), appealID: appeal.id, changed: false,
            decision: "Равенство баллов разрешено решающим голосом председателя по каскаду положения; оснований для изменения оценок нет.",
            corrections: [])
        let afterWindow = Date().addingTimeInterval(Double(regulation.result.appeals?.days ?? 0) * 86_400 + 60)
        _ = try await services.publications.approve(
            origin, contestID: contest.id, order: "412-од", date: String(DemoDistrict.localText(Date(), timeZone: contest.timeZone).prefix(10)),
            now: afterWindow)
        _ = try await services.publications.request(try await services.users.origin(actingAs: "demo-secretary"), contestID: contest.id, note: nil)
        _ = try await services.publications.confirm(try await services.users.origin(actingAs: "demo-admin"), contestID: contest.id)
        try await services.publications.withdrawConsent(origin, applicationID: applications[4].id)
    }

    /// A mark on the criterion's scale at `level` of its range, moved by `noise` steps of 1 (kept on the scale).
    static func mark(_ criterion: Criterion, level: Double, noise: Int) -> String {
        let minimum = Double(criterion.minimum.numerator) / Double(criterion.minimum.denominator)
        let maximum = Double(criterion.maximum.numerator) / Double(criterion.maximum.denominator)
        let value = min(maximum, max(minimum, (minimum + (maximum - minimum) * level).rounded() + Double(noise)))
        return String(Int(value))
    }
}
