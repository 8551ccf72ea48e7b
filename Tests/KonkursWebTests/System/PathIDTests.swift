import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KonkursCore
import KonkursService
import KonkursTesting
import Testing

@testable import KonkursWeb

/// Path numbers are integers as JSON Schema counts them (`1.0` is 1; found by schemathesis), and
/// anything else is refused with 400 naming the parameter.
@Suite struct PathIDTests {
    @Test func anIntegralDecimalIsTheSameRecordAndAnythingElseIsRefused() async throws {
        try await withServices { services, database in
            let cli = KonkursServices.commandLine
            let school = try await services.organisations.create(
                cli, OrganisationDraft(fullName: "МБОУ СОШ № 1", shortName: "СОШ № 1", kind: .school))
            _ = try await signedInAccount(services, login: "reader", roles: ["admin"])
            let token = try await services.auth.apiLogin(login: "reader", password: "пароль-reader-1", address: nil).token
            try await withApp(services: services) { client in
                func get(_ id: String) async throws -> (HTTPResponse.Status, String) {
                    try await client.execute(uri: "/api/v1/organisations/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                        ($0.status, String(buffer: $0.body))
                    }
                }
                let plain = try await get("\(school.id)")
                #expect(plain.0 == .ok)
                let decimal = try await get("\(school.id).0")
                let same =
                    try JSONSerialization.jsonObject(with: Data(decimal.1.utf8)) as? NSDictionary == JSONSerialization.jsonObject(
                        with: Data(plain.1.utf8)) as? NSDictionary
                #expect(decimal.0 == .ok && same, "the same record")
                for bad in ["\(school.id).5", "abc", "99999999999999999999"] {
                    let refused = try await get(bad)
                    #expect(refused.0 == .badRequest && refused.1.contains("не номер записи"), "\(bad)")
                }
            }
        }
    }
    /// Hummingbird's file middleware answered every unrouted path containing `..` with a bodiless 400
    /// (schemathesis: `/api/v1/sheets/1/0..0`); a trial key with dots is just a trial that is not there.
    @Test func dotsInAPathSegmentAreAnAnswerFromTheAPINotFromTheFileServer() async throws {
        try await withServices { services, database in
            _ = try await signedInAccount(services, login: "juror", roles: ["juror"])
            let token = try await services.auth.apiLogin(login: "juror", password: "пароль-juror-1", address: nil).token
            try await withApp(services: services) { client in
                for trial in ["0..0", "..", "a..b"] {
                    try await client.execute(uri: "/api/v1/sheets/1/\(trial)", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                        response in
                        #expect(response.status == .notFound, "\(trial)")
                        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(trial)")
                    }
                }
                try await client.execute(uri: "/static/../Package.swift", method: .get) { response in
                    #expect(response.status != .ok, "no file outside the static folder")
                }
                try await client.execute(uri: "/static/site.css", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
