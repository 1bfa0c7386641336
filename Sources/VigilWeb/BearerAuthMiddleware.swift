import Hummingbird
import VigilCore
import VigilSecurity
import VigilStore

/// Resolves an `Authorization: Bearer …` header to the signed-in user.
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
        if let secret = request.bearerToken,
            let userID = try await dependencies.tokens.user(forToken: secret, now: dependencies.now()),
            let user = try await dependencies.store.users.user(userID), !user.isDisabled
        {
            context.user = user
        }
        return try await next(request, context)
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
