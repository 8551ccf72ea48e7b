import Foundation
import Hummingbird
import HummingbirdCore
import KonkursCore
import KonkursService
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the Konkurs web application: every route, middleware and resource, nothing started yet.
///
/// - Parameters:
///   - services: long-running services the application runs and stops with itself.
///   - onServerRunning: told the real address once the socket is bound (port 0 picks a free one).
public func buildApplication(
    configuration: WebConfiguration,
    dependencies: WebDependencies,
    services: [any Service] = [],
    onServerRunning: @escaping @Sendable (_ url: String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(dependencies: dependencies)
    let host = configuration.host
    let (header, idle) = (TimeAmount(configuration.headerTimeout), TimeAmount(configuration.idleTimeout))
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestHeadTimeoutHandler(timeout: header)], idleTimeout: idle)),
        configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: Konkurs.name),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            await onServerRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
        },
        logger: dependencies.logger
    )
}

/// The router alone, for tests that need no socket.
public func buildRouter(dependencies: WebDependencies) async throws -> Router<AppRequestContext> {
    let resources = try WebResources.bundled()
    let pages = try await PageRenderer(templatesDirectory: resources.templates)
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let services = dependencies.services
    router.addMiddleware {
        ClientAddressMiddleware(trusted: dependencies.trustedProxies)
        RequestIDMiddleware()
        LogRequestsMiddleware(.info)
        MetricsMiddleware()
        SecurityHeadersMiddleware()
        ErrorAnswerMiddleware(pages: pages)
        StaticFilesMiddleware(folder: resources.staticFiles, logger: dependencies.logger)
        AuthenticationMiddleware(auth: services.auth)
        ServiceErrorMiddleware()
        PageErrorMiddleware(pages: pages)  // inside: pages turn errors into redirects and pages first
    }
    let routes = Routes(router: router)
    SystemController(status: services.status, metrics: dependencies.metrics).addRoutes(to: routes)
    try OpenAPIController(documentPath: resources.openAPIDocument).addRoutes(to: routes)
    HomePageController(pages: pages).addRoutes(to: routes)
    AuthPagesController(services: services, pages: pages, secureCookies: dependencies.secureCookies).addRoutes(to: routes)
    OrganisationPagesController(services: services, pages: pages).addRoutes(to: routes)
    UserPagesController(services: services, pages: pages).addRoutes(to: routes)
    AuditPagesController(services: services, pages: pages).addRoutes(to: routes)
    AuthAPIController(services: services).addRoutes(to: routes)
    OrganisationAPIController(services: services).addRoutes(to: routes)
    UserAPIController(services: services).addRoutes(to: routes)
    AuditAPIController(services: services).addRoutes(to: routes)
    ContestAPIController(services: services).addRoutes(to: routes)
    ApplicationAPIController(services: services).addRoutes(to: routes)
    JuryAPIController(services: services).addRoutes(to: routes)
    ResultsAPIController(services: services).addRoutes(to: routes)
    EventAPIController(services: services).addRoutes(to: routes)
    AttemptAPIController(services: services).addRoutes(to: routes)
    AttemptPagesController(services: services, pages: pages).addRoutes(to: routes)

    ContestPagesController(services: services, pages: pages).addRoutes(to: routes)
    ApplicationPagesController(services: services, pages: pages).addRoutes(to: routes)
    ContestAdminPagesController(services: services, pages: pages).addRoutes(to: routes)
    JuryPagesController(services: services, pages: pages).addRoutes(to: routes)
    JuryAdminPagesController(services: services, pages: pages).addRoutes(to: routes)
    ResultsAdminPagesController(services: services, pages: pages).addRoutes(to: routes)
    ResultsPagesController(services: services, pages: pages).addRoutes(to: routes)
    EventPagesController(services: services, pages: pages).addRoutes(to: routes)
    routes.rejectOtherMethods()
    return router
}
