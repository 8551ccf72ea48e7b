import KonkursCore
import KonkursService

/// What a route needs, declared with the route: asked of the access policy before the handler runs
/// and before the body is read, so a stranger gets 401/403/404 rather than messages about a body
/// they should not send. The use case asks again with the record it finds.
struct Permission: Sendable {
    let action: Action
    let resource: @Sendable (AppRequestContext) -> Resource

    /// `action` on `resource` (the registry by default: the decision that does not depend on a record).
    static func to(_ action: Action, _ resource: Resource = .registry) -> Permission {
        Permission(action: action) { _ in resource }
    }

    /// `action` on the caller's own account.
    static func toOwnAccount(_ action: Action) -> Permission {
        Permission(action: action) { $0.origin.ownAccount }
    }
}
