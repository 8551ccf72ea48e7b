import Foundation
import KonkursCore

/// The demo's jury: «Лучший педагог-наставник» being scored by a panel approved by an order, with
/// the demo chair and juror and three more experts; the experts have submitted their sheets, the
/// demo juror has real work waiting.
enum DemoJury {
    static let experts = [
        ("jury-sokolova", "Соколова Ирина Львовна"), ("jury-timofeev", "Тимофеев Андрей Николаевич"), ("jury-belyaeva", "Беляева Марина Юрьевна"),
    ]

    static func load(_ services: KonkursServices, origin: RequestOrigin, contest: ContestEdition) async throws {
        var accounts: [UserAccount] = []
        for (login, name) in experts {
            let draft = try UserDraft.validated(login: login, fullName: name, email: nil, organisationID: nil, roles: ["juror"])
            accounts.append(try await services.users.add(origin, draft).0)
        }
        let panel = try await services.jury.createPanel(
            origin, contestID: contest.id, title: "Экспертная комиссия премии", stage: nil, nomination: nil, orderNumber: "№ 45-од",
            orderDate: DemoDistrict.localText(Date().addingTimeInterval(-10 * 86400), timeZone: contest.timeZone).prefix(10).description)
        _ = try await services.jury.setMember(origin, panelID: panel.id, login: "demo-chair", role: .chair, organisationID: nil)
        _ = try await services.jury.setMember(origin, panelID: panel.id, login: "demo-juror", role: .member, organisationID: nil)
        for account in accounts {
            _ = try await services.jury.setMember(origin, panelID: panel.id, login: account.login, role: .member, organisationID: nil)
        }
        _ = try await services.jury.assign(origin, contestID: contest.id)
        let started = try await services.contests.transition(origin, id: contest.id, to: .stageActive)
        let regulation = try RegulationParser.parse(started.regulationText, file: "regulation.yaml")
        guard let stage = regulation.stage(started.currentStage ?? "") else { return }
        for account in accounts {
            let expert = RequestOrigin(actor: account.actor)
            try await services.jury.confirmNoConflict(expert, contestID: contest.id)
            for item in try await services.scores.work(expert) {
                for trial in stage.trials {
                    // Deterministic marks on each criterion's scale.
                    let marks = Dictionary(
                        uniqueKeysWithValues: trial.criteria.enumerated().map { index, criterion in
                            let range = (try? criterion.maximum.subtracting(criterion.minimum).divided(by: criterion.step)) ?? .zero
                            let steps = Int(range.numerator / range.denominator)
                            // The upper half of the scale, as real experts mostly mark admitted entries.
                            let chosen = steps / 2 + (Int(item.application.id) * 7 + Int(account.id) * 3 + index) % (steps - steps / 2 + 1)
                            let mark = (try? criterion.minimum.adding(criterion.step.multiplied(by: Rational(chosen)))) ?? criterion.minimum
                            return (criterion.id, DecimalText.exact(mark) ?? "0")
                        })
                    _ = try await services.scores.save(
                        expert, applicationID: item.application.id, trial: trial.id, marks: marks, comments: [:], expectedVersion: 0)
                    _ = try await services.scores.submit(expert, applicationID: item.application.id, trial: trial.id, idempotencyKey: nil)
                }
            }
        }
    }
}
