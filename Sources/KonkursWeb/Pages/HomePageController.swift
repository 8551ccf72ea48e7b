import Hummingbird
import KonkursCore

/// The public home page.
struct HomePageController {
    let pages: PageRenderer

    struct HomePage {
        let title = "Konkurs — конкурсы профессионального мастерства"
        let version = Konkurs.version
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, _ in try pages.render("home", HomePage()) }
    }
}
