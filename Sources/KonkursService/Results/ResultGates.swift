import Foundation
import KonkursCore
import KonkursStore
import PostgresNIO

/// What the lifecycle needs from results before an edition moves: a signed protocol, settled appeals;
/// approval and publication have their own use cases (an order number, two people).
enum ResultGates {
    static func check(_ connection: PostgresConnection, _ edition: ContestEdition, to target: ContestPhase, logger: Logger) async throws {
        switch target {
        case .approved: throw ServiceError.conflict("итоги утверждаются внесением номера и даты приказа")
        case .published: throw ServiceError.conflict("итоги публикуются запросом одного сотрудника и подтверждением другого")
        case .protocolSigned:
            let signed = try await ProtocolQueries.list(connection, contestID: edition.id, logger: logger)
                .contains { $0.status == .signed && $0.stage == edition.currentStage }
            if !signed { throw ServiceError.conflict("протокол этапа ещё не подписан председателем и членами жюри") }
        case .appealWindow:
            if try RegulationParser.parse(edition.regulationText, file: "regulation.yaml").result.appeals == nil {
                throw ServiceError.conflict("положение конкурса не предусматривает апелляций")
            }
        case .resultsFinal:
            _ = try await PublicationService.finalProtocol(connection, contestID: edition.id, logger: logger)
            try await AppealService.requireSettled(connection, contest: edition, logger: logger)
        default: break
        }
    }
}
