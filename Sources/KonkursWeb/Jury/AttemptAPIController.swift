import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// `/api/v1/contests/{id}/attempt-values`, `/api/v1/attempt-values/…`: an attempt's factor and
/// extras, entered by whoever the trial declares.
struct AttemptAPIController {
    let services: KonkursServices

    func addRoutes(to routes: Routes) {
        routes.get("/api/v1/contests/{id}/attempt-values", requires: .to(.enterComponents), use: list)
        routes.on("/api/v1/attempt-values/{application}/{trial}/{attempt}", method: .put, requires: .to(.enterComponents), use: save)
    }

    struct Body: Decodable {
        /// By the score file's column (`factor`, `extra`, `extra:NAME`); "" clears a value.
        let values: [String: String]
    }

    struct LineResponse: Encodable {
        struct Value: Encodable {
            let component: String
            let title: String
            let entered_by: String
            let value: String?
        }

        let application_id: Int64
        let trial: String
        let attempt: Int
        let values: [Value]
    }

    struct ListResponse: ResponseEncodable {
        let contest_id: Int64
        let stage: String
        let lines: [LineResponse]
    }

    struct SavedResponse: ResponseEncodable {
        let application_id: Int64
        let trial: String
        let attempt: Int
        let values: [String: String]
    }

    /// What the caller enters in the stage being scored, with the current values.
    @Sendable func list(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let sheet = try await services.scores.attemptSheet(context.origin, contestID: try context.parameters.id("id"))
        return ListResponse(
            contest_id: sheet.contest.id, stage: sheet.stage.id,
            lines: sheet.lines.map { line in
                LineResponse(
                    application_id: line.application.id, trial: line.trial.id, attempt: line.attempt,
                    values: line.values.map {
                        .init(component: $0.component.column, title: $0.component.title, entered_by: $0.component.enteredBy.rawValue, value: $0.value)
                    })
            })
    }

    /// Sets an attempt's values; refused whole when any is not the caller's to enter or not declared.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let application = try context.parameters.id("application")
        let trial = try context.parameters.require("trial")
        guard let attempt = Int(try context.parameters.require("attempt")) else {
            throw InvalidInput([.init(field: "attempt", message: "Номер попытки — целое число")])
        }
        let body = try await request.decodeJSON(Body.self, context: context)
        let values = try await services.scores.enterAttemptValues(
            context.origin, applicationID: application, trial: trial, attempt: attempt, values: body.values)
        return SavedResponse(application_id: application, trial: trial, attempt: attempt, values: values)
    }
}
