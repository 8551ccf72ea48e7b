import Hummingbird
import Logging

/// The stylesheets and scripts under `/static/`. Hummingbird's `FileMiddleware` looks at every
/// request that found no route and answers any path containing `..` with an empty 400, so a record
/// missing under `/api/v1/sheets/1/0..0` became a bodiless 400 instead of the API's JSON 404
/// (schemathesis). Only paths under `/static/` (and the site icon) reach it here.
struct StaticFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    private static var prefix: String { "/static/" }
    private let files: FileMiddleware<Context, LocalFileSystem>

    init(folder: String, logger: Logger) {
        files = FileMiddleware(
            folder, urlBasePath: String(Self.prefix.dropLast()), cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]), logger: logger)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Browsers ask for the icon at the root whatever the page links to.
        if request.uri.path == "/favicon.ico" {
            var head = request.head
            head.path = Self.prefix + "favicon.ico"
            return try await files.handle(Request(head: head, body: request.body), context: context, next: next)
        }
        guard request.uri.path.hasPrefix(Self.prefix) else { return try await next(request, context) }
        return try await files.handle(request, context: context, next: next)
    }
}
