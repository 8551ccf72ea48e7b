import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursService
import KonkursTesting
import Testing

@Suite struct HomePageTests {
    @Test func theHomePageIsRussianHTMLWithItsStylesheet() async throws {
        try await withServices { services, _ in
            try await withApp(services: services) { client in
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let page = String(buffer: response.body)
                    #expect(page.contains(#"<html lang="ru">"#))
                    #expect(page.contains("<h1>Конкурсы профессионального мастерства</h1>"))
                    #expect(page.contains(#"<link rel="stylesheet" href="/static/site.css">"#))
                    #expect(!page.contains("{{"), "a template tag was left unrendered")
                }
                try await client.execute(uri: "/static/site.css", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                    #expect(String(buffer: response.body).contains(".site-header"))
                }
            }
        }
    }
}
