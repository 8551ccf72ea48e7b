import HTTPTypes
import Hummingbird

/// Returns the request id that every log line of the request carries (`hb.request.id`), so a user's
/// report with the `X-Request-Id` header leads straight to the logs.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[Self.headerName] = context.id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[Self.headerName] = context.id
            return response
        }
    }
}
