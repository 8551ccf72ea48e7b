import Foundation

/// Templates, static files and the OpenAPI document, shipped inside the module's resource bundle.
struct WebResources {
    let templates: String
    let staticFiles: String
    let openAPIDocument: String

    struct Missing: Error, CustomStringConvertible {
        var description: String { "ресурсы веб-интерфейса не найдены рядом с программой" }
    }

    static func bundled() throws -> WebResources {
        guard let root = Bundle.module.resourceURL else { throw Missing() }
        return WebResources(
            templates: root.appendingPathComponent("templates").path,
            staticFiles: root.appendingPathComponent("static").path,
            openAPIDocument: root.appendingPathComponent("openapi.yaml").path)
    }
}
