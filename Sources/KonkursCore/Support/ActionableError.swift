/// An error a person can act on: `message` says in one line (in Russian) what went wrong and what to do.
///
/// The CLI prints it without a stack trace and exits non-zero; the web layer shows it as it is.
public protocol ActionableError: Error, Sendable, CustomStringConvertible {
    var message: String { get }
}

extension ActionableError {
    public var description: String { message }
}
