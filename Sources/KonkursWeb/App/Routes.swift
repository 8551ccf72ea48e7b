import Foundation
import HTTPTypes
import Hummingbird
import KonkursService

/// Registers routes and remembers which methods each path answers, so that any other method on a
/// known path gets `405 Method Not Allowed` with an `Allow` header instead of a misleading 404.
final class Routes {
    let router: Router<AppRequestContext>
    private var methodsByPath: [(path: String, methods: [HTTPRequest.Method])] = []

    init(router: Router<AppRequestContext>) {
        self.router = router
    }

    func get<Output: ResponseGenerator>(
        _ path: String, requires permission: Permission? = nil, use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        on(path, method: .get, requires: permission, use: handler)
    }

    /// `permission`, when given, is asked before the handler runs and before any of the body is read.
    func on<Output: ResponseGenerator>(
        _ path: String, method: HTTPRequest.Method, requires permission: Permission? = nil,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        router.on(RouterPath(path), method: method) { request, context in
            if let permission { _ = try context.origin.authorize(permission.action, permission.resource(context)) }
            return try await handler(request, context)
        }
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

/// Turns a 404 on a known path into 405 with the methods that path does answer. A browser that
/// reloads the address a form posted to (`/applications/7/submit`) is sent to the page the form
/// belongs to, the nearest shorter address that shows a page, instead of an error.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let knownPaths: RouterResponder<AppRequestContext>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allow = await allowed(request.uri.path, context) else { throw error }
            if request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/api/"),
                let page = await page(above: request.uri.path, context)
            {
                return Response.redirect(to: page, type: .normal)
            }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allow],
                message: "Метод \(request.method.rawValue) не поддерживается для \(request.uri.path)")
        }
    }

    /// The methods a known path answers; nil for an unknown path.
    private func allowed(_ path: String, _ context: Context) async -> String? {
        let probe = Request(head: .init(method: .get, scheme: nil, authority: nil, path: path), body: .init(buffer: .init()))
        return try? await knownPaths.respond(to: probe, context: context).headers[.allow]
    }

    private func page(above path: String, _ context: Context) async -> String? {
        var components = path.split(separator: "/")
        while !components.isEmpty {
            components.removeLast()
            let candidate = "/" + components.joined(separator: "/")
            if let allow = await allowed(candidate, context),
                allow.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "GET" })
            {
                return candidate
            }
        }
        return nil
    }
}
