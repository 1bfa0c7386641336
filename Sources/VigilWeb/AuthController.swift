import Foundation
import Hummingbird
import VigilCore

/// `/api/v1/auth`: sign in for a bearer token, sign out, who am I.
///
/// A user with a TOTP second factor signs in with `totp` (the current code)
/// beside the password; wrong codes count toward the dashboard's sign-in
/// throttle, so the API is no faster a way to guess them.
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
            try await checkSecondFactor(credentials, of: user, context: context)
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

    /// Throws 401 unless the user has no second factor or `totp` is a right,
    /// unused code; 429 while the sign-in throttle refuses the user.
    private func checkSecondFactor(_ credentials: Credentials, of user: User, context: VigilRequestContext) async throws {
        guard try await dependencies.secondFactor.isRequired(for: user.id) else { return }
        let auditor = Auditor(dependencies: dependencies, context: context, user: user)
        let throttle = dependencies.signInThrottle
        let now = dependencies.now()
        if let wait = await throttle.retryAfter(username: user.username, address: context.sourceAddress, now: now) {
            try await auditor.record("auth.login", outcome: .denied, detail: "throttled")
            throw VigilError(
                .throttled, code: "throttled", message: "Too many failed sign-ins. Try again later.",
                retryAfterSeconds: wait)
        }
        guard let code = credentials.totp else {
            try await auditor.record("auth.login.password", detail: "second factor required")
            throw VigilError(
                .unauthenticated, code: "second_factor_required", message: "This user signs in with a TOTP code too.")
        }
        guard try await dependencies.secondFactor.verify(code, for: user.id) else {
            await throttle.recordFailure(username: user.username, address: context.sourceAddress, now: now)
            try await auditor.record("auth.login", outcome: .denied, detail: "invalid second factor")
            throw VigilError(
                .unauthenticated, code: "invalid_second_factor", message: "The TOTP code is wrong or was already used.")
        }
        await throttle.recordSuccess(username: user.username)
    }
}

/// `{"username", "password", "totp"?}`.
struct Credentials: Decodable {
    let username: String
    let password: String
    /// The current TOTP code, for users with a second factor.
    let totp: String?
}

/// `{"token", "expiresAt", "user"}`.
struct LoginResponse: ResponseEncodable {
    let token: String
    let expiresAt: Date
    let user: UserView
}
