import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// On pages (not the API): not signed in → the login page; refused or missing → a Russian error page.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    struct ErrorPage {
        let title: String
        let message: String
        let session: PageSession?
        let version = Konkurs.version
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch ServiceError.unauthenticated {
            return Response.redirect(to: "/login", type: .normal)
        } catch let error as ServiceError {
            let (status, title): (HTTPResponse.Status, String) =
                switch error {
                case .forbidden: (.forbidden, "Нет доступа")
                case .conflict: (.conflict, "Действие сейчас невозможно")
                case .databaseUnavailable: (.serviceUnavailable, "Сервис временно недоступен")
                default: (.notFound, "Не найдено")
                }
            return try pages.render(
                "error", ErrorPage(title: title, message: error.message.capitalizedFirst + ".", session: PageSession(context)), status: status
            )
            .plainResponse()
        } catch let error as HTTPError where error.status == .forbidden {
            return try pages.render(
                "error", ErrorPage(title: "Нет доступа", message: error.body ?? "Нет доступа.", session: PageSession(context)), status: .forbidden
            )
            .plainResponse()
        }
    }
}
