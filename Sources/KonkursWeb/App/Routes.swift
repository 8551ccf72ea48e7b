import HTTPTypes
import Hummingbird

/// Registers routes and remembers which methods each path answers, so that any other method on a
/// known path gets `405 Method Not Allowed` with an `Allow` header instead of a misleading 404.
final class Routes {
    let router: Router<AppRequestContext>
    private var methodsByPath: [(path: String, methods: [HTTPRequest.Method])] = []

    init(router: Router<AppRequestContext>) {
        self.router = router
    }

    func get<Output: ResponseGenerator>(
        _ path: String, use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        on(path, method: .get, use: handler)
    }

    func on<Output: ResponseGenerator>(
        _ path: String, method: HTTPRequest.Method,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        router.on(RouterPath(path), method: method, use: handler)
        let methods = method == .get ? [method, .head] : [method]  // the router answers HEAD for every GET
        if let index = methodsByPath.firstIndex(where: { $0.path == path }) {
            methodsByPath[index].methods += methods
        } else {
            methodsByPath.append((path, methods))
        }
    }

    /// Call once, after every route is registered. A middleware added last runs only where no route
    /// matched; there it asks a shadow router, which knows every path, whether the path exists.
    func rejectOtherMethods() {
        let shadow = Router(context: AppRequestContext.self)
        for (path, methods) in methodsByPath {
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            shadow.get(RouterPath(path)) { _, _ in Response(status: .ok, headers: [.allow: allow]) }
        }
        router.add(middleware: MethodNotAllowedMiddleware(knownPaths: shadow.buildResponder()))
    }
}

/// Turns a 404 on a known path into 405 with the methods that path does answer.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let knownPaths: RouterResponder<AppRequestContext>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            var head = request.head
            head.method = .get
            let probe = Request(head: head, body: .init(buffer: .init()))
            guard let known = try? await knownPaths.respond(to: probe, context: context), let allow = known.headers[.allow] else {
                throw error
            }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allow],
                message: "Метод \(request.method.rawValue) не поддерживается для \(request.uri.path)")
        }
    }
}
