import Hummingbird
import KonkursCore

/// The public home page.
struct HomePageController {
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/", use: home)
    }

    struct HomePage {
        let title = "Konkurs — конкурсы профессионального мастерства"
        let version = Konkurs.version
        let session: PageSession?
    }

    /// The home page.
    @Sendable func home(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        try pages.render("home", HomePage(session: PageSession(context)))
    }
}
