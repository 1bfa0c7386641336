import Hummingbird
import VigilCore
import VigilSecurity
import VigilStore

/// Resolves an `Authorization: Bearer …` header to the signed-in user, or
/// else, for reads (GET and HEAD) only, the dashboard's session cookie, so the
/// dashboard's live updates can use the event stream. A cookie never
/// authorizes a change through the API (no cross-site request forgery), and
/// reading with it does not extend the session's idle timeout.
///
/// It never refuses a request itself: routes decide (see `SecureRoutes`), so a
/// missing, unknown, expired or garbage token simply leaves `context.user` nil.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let dependencies: WebDependencies

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let userID = try await userID(of: request),
            let user = try await dependencies.store.users.user(userID), !user.isDisabled
        {
            context.user = user
        }
        return try await next(request, context)
    }

    private func userID(of request: Request) async throws -> UserID? {
        if let secret = request.bearerToken {
            return try await dependencies.tokens.user(forToken: secret, now: dependencies.now())
        }
        guard request.method == .get || request.method == .head,
            let secret = request.cookies[SessionCookies.session]?.value
        else { return nil }
        let sessions = SessionManager(store: dependencies.store.tokens, settings: dependencies.dashboard)
        return try await sessions.session(secret, now: dependencies.now(), touch: false)?.userID
    }
}

extension Request {
    /// The token of an `Authorization: Bearer` header, if there is one.
    var bearerToken: String? {
        guard let header = headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
