import Hummingbird

/// The request context of every Konkurs route. Later it carries the signed-in identity and session.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
