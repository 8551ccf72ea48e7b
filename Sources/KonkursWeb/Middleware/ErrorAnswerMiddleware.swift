import HTTPTypes
import Hummingbird
import KonkursCore
import Logging

/// Whatever fails below, the client gets a real answer: an error the doors did not translate (a
/// database failure, a bug) is logged with its cause and answered 500 with a Russian message and the
/// request id — the JSON error for the API, the error page for a browser — and an error that carries
/// no body (Hummingbird's own 404, NIO's "too many bytes") gets one. Sits inside the security headers
/// and the request id, so those are on every error answer too.
struct ErrorAnswerMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            throw error.body == nil ? HTTPError(error.status, headers: error.headers, message: Self.message(for: error.status)) : error
        } catch let error as any HTTPResponseError {
            throw HTTPError(error.status, message: Self.message(for: error.status))
        } catch {
            context.logger.error("Запрос завершился внутренней ошибкой", metadata: ["error": "\(String(reflecting: error))"])
            let message = "внутренняя ошибка сервиса; сообщите администратору номер запроса \(context.id)"
            guard Self.wantsPage(request) else { throw HTTPError(.internalServerError, message: message) }
            return try pages.render(
                "error", PageErrorMiddleware.ErrorPage(title: "Внутренняя ошибка", message: message.capitalizedFirst + ".", session: nil),
                status: .internalServerError
            ).plainResponse()
        }
    }

    /// A browser asking for a page (not the API, not a script).
    static func wantsPage(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept] ?? "").contains("text/html")
    }

    static func message(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "адрес не найден"
        case .contentTooLarge: "тело запроса больше, чем принимает этот адрес"
        case .badRequest: "запрос не разобран"
        case .methodNotAllowed: "метод не поддерживается для этого адреса"
        case .requestTimeout: "запрос не получен вовремя"
        default: "запрос не выполнен (\(status.code))"
        }
    }
}
