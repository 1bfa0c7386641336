import Foundation
import Hummingbird
import VigilCore

/// `/api/v1/auth`: sign in for a bearer token, sign out, who am I.
struct AuthController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.public(.post, "auth/login") { request, context in
            let credentials = try await request.decodeJSON(as: Credentials.self, context: context)
            let auditor = Auditor(dependencies: dependencies, context: context)
            let user = try await dependencies.store.users.user(named: credentials.username)
            let matches = try await dependencies.passwords.verify(credentials.password, against: user?.passwordHash)
            guard let user, matches, !user.isDisabled else {
                try await auditor.record(
                    "auth.login", outcome: .denied, detail: "invalid credentials", username: credentials.username)
                throw VigilError(
                    .unauthenticated, code: "invalid_credentials", message: "The username or password is wrong.")
            }
            let issued = try await dependencies.tokens.issue(for: user.id, now: dependencies.now())
            try await Auditor(dependencies: dependencies, context: context, user: user).record("auth.login")
            return LoginResponse(token: issued.secret, expiresAt: issued.expiresAt, user: UserView(user))
        }
        routes.add(.post, "auth/logout", action: "auth.logout", allow: .everyone) { request, caller in
            if let secret = request.bearerToken { try await dependencies.tokens.revoke(secret) }
            try await caller.auditor.record("auth.logout")
            return Response(status: .noContent)
        }
        routes.add(.get, "auth/me", action: "auth.me", allow: .everyone) { _, caller in
            UserView(caller.user)
        }
    }
}

/// `{"username", "password"}`.
struct Credentials: Decodable {
    let username: String
    let password: String
}

/// `{"token", "expiresAt", "user"}`.
struct LoginResponse: ResponseEncodable {
    let token: String
    let expiresAt: Date
    let user: UserView
}
