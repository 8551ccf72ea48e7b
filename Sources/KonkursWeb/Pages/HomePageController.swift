import Hummingbird
import KonkursCore

/// The public home page.
struct HomePageController {
    let pages: PageRenderer

    struct HomePage {
        let title = "Konkurs — конкурсы профессионального мастерства"
        let version = Konkurs.version
    }

    func addRoutes(to routes: Routes) {
        routes.get("/") { _, _ in try pages.render("home", HomePage()) }
    }
}
