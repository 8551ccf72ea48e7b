import Foundation
import Hummingbird
import KonkursCore
import KonkursService

/// Public pages: contests announced and running, with nominations, dates and the regulation.
struct ContestPagesController {
    let services: KonkursServices
    let pages: PageRenderer

    func addRoutes(to routes: Routes) {
        routes.get("/contests", use: contestList)
        routes.get("/contests/{id}", use: contestPage)
    }

    struct ListPage {
        let title = "Конкурсы"
        let session: PageSession?
        let contests: [Row]
        let version = Konkurs.version

        struct Row {
            let id: Int64
            let title: String
            let edition: String
            let phase: String
            let window: String
        }
    }

    struct ContestPage {
        let title: String
        let session: PageSession?
        let edition: String
        let phase: String
        let window: String
        let nominations: [Nomination]
        let stages: [Stage]
        let regulation: String
        let digest: String
        /// The public results page, once published.
        var resultsHref: String? = nil
        /// An event's programme (everyone) and its working page (signed in).
        var eventID: Int64? = nil
        let version = Konkurs.version

        struct Nomination {
            let title: String
            let minimum: Int
            let quota: String
            let notHeld: String?
        }

        struct Stage {
            let title: String
            let trials: String
        }
    }

    static func window(_ edition: ContestEdition) -> String {
        guard let open = edition.applicationsOpenAt, let close = edition.applicationsCloseAt else { return "сроки не назначены" }
        return
            "приём заявок с \(ContestSchedule.local(open, timeZone: edition.timeZone)) до \(ContestSchedule.local(close, timeZone: edition.timeZone))"
    }

    /// The public list of announced editions.
    @Sendable func contestList(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let rows = try await services.contests.list(context.origin).map {
            ListPage.Row(id: $0.id, title: $0.title, edition: $0.edition, phase: $0.phase.title, window: Self.window($0))
        }
        return try pages.render("contests", ListPage(session: PageSession(context), contests: rows))
    }

    /// One edition for everybody: nominations, dates, the regulation.
    @Sendable func contestPage(_ _: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let edition = try await services.contests.get(context.origin, id: try context.parameters.id("id"))
        let regulation = try RegulationParser.parse(edition.regulationText, file: "regulation.yaml")
        return try pages.render(
            "contest",
            ContestPage(
                title: edition.title, session: PageSession(context), edition: edition.edition, phase: edition.phase.title,
                window: Self.window(edition),
                nominations: regulation.nominations.map {
                    .init(
                        title: $0.title, minimum: $0.minimumEntrants, quota: $0.quotaPerOrganisation.map { "\($0)" } ?? "без ограничения",
                        notHeld: edition.notHeld[$0.id])
                },
                stages: regulation.stages.map { .init(title: $0.title, trials: $0.trials.map(\.title).joined(separator: "; ")) },
                regulation: edition.regulationText, digest: edition.regulationDigest,
                resultsHref: edition.phase.isPublished && regulation.chain == .jury ? "/contests/\(edition.id)/results" : nil,
                eventID: regulation.event == nil ? nil : edition.id))

    }
}
