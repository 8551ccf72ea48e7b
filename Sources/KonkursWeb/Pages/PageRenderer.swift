import Hummingbird
import Mustache

/// Renders Mustache templates (HTML-escaped by default) into pages.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init(templatesDirectory: String) async throws {
        library = try await MustacheLibrary(directory: templatesDirectory)
    }

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> HTML {
        guard let text = library.render(model, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "Шаблон «\(template)» не найден")
        }
        return HTML(text: text, status: status)
    }
}
