import KonkursCore

/// What the layout shows about the signed-in person (menu, logout form with its CSRF token).
struct PageSession {
    let login: String
    let roles: String
    let csrf: String
    let links: [Link]

    struct Link {
        let href: String
        let title: String
    }

    init?(_ context: AppRequestContext) {
        guard let actor = context.actor, let csrf = context.csrfToken else { return nil }
        login = actor.login
        roles = actor.roles.sorted().map(\.title).joined(separator: ", ")
        self.csrf = csrf
        var links: [Link] = [Link(href: "/contests", title: "Конкурсы")]
        if AccessPolicy.decide(actor, .manageContests, .registry) == .allow {
            links.append(Link(href: "/admin/contests", title: "Управление конкурсами"))
        }
        if AccessPolicy.decide(actor, .viewApplications, .registry) == .allow { links.append(Link(href: "/applications", title: "Заявки")) }
        if AccessPolicy.decide(actor, .viewOrganisations, .registry) == .allow {
            links.append(Link(href: "/admin/organisations", title: "Организации"))
        }
        if AccessPolicy.decide(actor, .viewUsers, .registry) == .allow { links.append(Link(href: "/admin/users", title: "Пользователи")) }
        if AccessPolicy.decide(actor, .viewScoring, .registry) == .allow { links.append(Link(href: "/admin/jury", title: "Жюри")) }
        if AccessPolicy.decide(actor, .viewResults, .registry) == .allow { links.append(Link(href: "/admin/results", title: "Итоги")) }
        if AccessPolicy.decide(actor, .viewAudit, .registry) == .allow { links.append(Link(href: "/admin/audit", title: "Журнал аудита")) }
        if !actor.roles.isDisjoint(with: [.juror, .chair]) { links.append(Link(href: "/jury", title: "Оценивание")) }
        links.append(Link(href: "/account", title: "Мой профиль"))
        self.links = links
    }

    /// Where a person lands after signing in, by their main role.
    static func startPage(for actor: Actor) -> String {
        if actor.roles.contains(.admin) { return "/admin/organisations" }
        if actor.roles.contains(.secretary) || actor.roles.contains(.coordinator) { return "/applications" }
        if actor.roles.contains(.counting) || actor.roles.contains(.observer) { return "/admin/audit" }
        if !actor.roles.isDisjoint(with: [.juror, .chair]) { return "/jury" }
        return "/account"
    }
}
