import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// Turns use-case errors into HTTP answers, in one place: JSON `{"error": {"message": …}}` with the
/// status the access policy and validation call for.
struct ServiceErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            switch error {
            case .unauthenticated, .invalidCredentials: throw HTTPError(.unauthorized, message: error.message)
            case .forbidden: throw HTTPError(.forbidden, message: error.message)
            case .notFound: throw HTTPError(.notFound, message: error.message)
            case .conflict: throw HTTPError(.conflict, message: error.message)
            case .invitationInvalid: throw HTTPError(.gone, message: error.message)
            case .databaseUnavailable: throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "5"], message: error.message)
            case .tooManyAttempts(let seconds):
                throw HTTPError(.tooManyRequests, headers: [.retryAfter: "\(seconds)"], message: error.message)
            }
        } catch let error as ContestPhase.RefusedTransition {
            throw HTTPError(.conflict, message: error.message)
        } catch let error as RegulationError {
            throw HTTPError(.unprocessableContent, message: error.message)
        } catch let error as ScoringError {
            throw HTTPError(.unprocessableContent, message: error.message)
        } catch let error as FileTooLarge {
            throw HTTPError(.contentTooLarge, message: error.message)
        } catch let error as InvalidInput {
            throw HTTPError(.unprocessableContent, message: error.message)
        } catch let error as InputError {
            throw HTTPError(.unprocessableContent, message: error.message)
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "тело запроса не разобрано: \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "нет поля «\(key.stringValue)»"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "ожидается JSON-объект с полями из описания API"
                : "поле «\(context.codingPath.map(\.stringValue).joined(separator: "."))» неверного типа"
        @unknown default: "неверный формат"
        }
    }
}
