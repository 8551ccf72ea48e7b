import HTTPTypes
import Hummingbird
import KonkursCore
import KonkursService

/// What every form of the pages does: run the use case and go on to `redirect`; refused input shows
/// the same page again with the reasons (422; a refused file with each problem's line), a file over
/// its limit with 413, a conflict with the record's state with 409. `render` draws the page with
/// those messages.
func pageAction(
    redirect: String, render: ([String], HTTPResponse.Status) async throws -> HTML, _ action: () async throws -> Void
) async throws -> Response {
    try await pageAction(render: render) {
        try await action()
        return redirect
    }
}

/// The same, for a form whose next page depends on what it did: `action` returns where to go.
func pageAction(render: ([String], HTTPResponse.Status) async throws -> HTML, _ action: () async throws -> String) async throws -> Response {
    do {
        return Response.redirect(to: try await action(), type: .normal)
    } catch let error as InvalidInput {
        return try await render(error.problems.map(\.message), .unprocessableContent).plainResponse()
    } catch let error as InputError {
        return try await render(error.lines, .unprocessableContent).plainResponse()
    } catch let error as FileTooLarge {
        return try await render([error.message.capitalizedFirst + "."], .contentTooLarge).plainResponse()
    } catch ServiceError.conflict(let message) {
        return try await render([message.capitalizedFirst + "."], .conflict).plainResponse()
    }
}
