import Hummingbird
import KonkursCore

/// The public home page.
struct HomePageController {
    let pages: PageRenderer

    struct HomePage {
        let title = "Konkurs — конкурсы профессионального мастерства"
        let version = Konkurs.version
        let session: PageSession?
    }

    func addRoutes(to routes: Routes) {
        routes.get("/") { _, context in try pages.render("home", HomePage(session: PageSession(context))) }
    }
}
