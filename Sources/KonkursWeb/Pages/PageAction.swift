import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// What every form of the pages does: run the use case and go on to `redirect`; refused input shows
/// the same page again with the reasons (422), a file over its limit with 413, a conflict with the
/// record's state with 409. `render` draws the page with those messages.
func pageAction(
    redirect: String, render: ([String], HTTPResponse.Status) async throws -> HTML, _ action: () async throws -> Void
) async throws -> Response {
    do {
        try await action()
        return Response.redirect(to: redirect, type: .normal)
    } catch let error as InvalidInput {
        return try await render(error.problems.map(\.message), .unprocessableContent).plainResponse()
    } catch let error as FileTooLarge {
        return try await render([error.message.capitalizedFirst + "."], .contentTooLarge).plainResponse()
    } catch ServiceError.conflict(let message) {
        return try await render([message.capitalizedFirst + "."], .conflict).plainResponse()
    }
}
