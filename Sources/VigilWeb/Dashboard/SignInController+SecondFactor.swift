import Foundation
import Hummingbird
import VigilCore

/// The second sign-in step, `/dashboard/signin/code`, for users with a TOTP
/// second factor: after the right password the browser holds only a pending
/// sign-in (its own cookie, which no page accepts), and the session begins
/// once the code is right. Wrong codes count toward the sign-in throttle,
/// exactly like wrong passwords.
extension SignInController {
    private struct CodeModel {
        let csrf: String
        let message: String?
    }

    func registerSecondFactor(on routes: DashboardRoutes) {
        let controller = self
        routes.group.get("signin/code") { request, _ in
            guard let pending = try await controller.pendingSignIn(request) else {
                return DashboardRenderer.redirect(to: DashboardPaths.signIn)
            }
            return controller.codeForm(csrf: CSRFToken.token(forSession: pending.secret), message: nil, status: .ok)
        }
        routes.group.post("signin/code") { request, context in
            try await controller.checkCode(request, context)
        }
    }

    /// Starts a pending sign-in for `user`, whose password was right, and
    /// sends the browser to the code form.
    func askForCode(_ user: User, auditor: Auditor) async throws -> Response {
        let secret = try await context.sessions.beginPending(for: user.id, now: dependencies.now())
        try await auditor.record("auth.login.password", detail: "second factor required")
        var response = DashboardRenderer.redirect(to: DashboardPaths.signInCode)
        response.setCookie(SessionCookies.pendingSignIn(secret, settings: settings))
        response.setCookie(SessionCookies.expired(SessionCookies.signInCSRF, path: DashboardPaths.signIn, settings: settings))
        return response
    }

    /// The live pending sign-in of the request's cookie and its (enabled) user.
    private func pendingSignIn(_ request: Request) async throws -> (secret: String, user: User)? {
        guard let secret = request.cookies[SessionCookies.pendingSignIn]?.value,
            let id = try await context.sessions.pendingUser(secret, now: dependencies.now()),
            let user = try await dependencies.store.users.user(id), !user.isDisabled
        else { return nil }
        return (secret, user)
    }

    private func codeForm(csrf: String, message: String?, status: HTTPResponse.Status) -> Response {
        context.renderer.page(
            "signin-code", CodeModel(csrf: csrf, message: message), title: "Sign-in code", chrome: nil, status: status)
    }

    private func checkCode(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let fields = try await FormBody.read(request)
        guard let (secret, user) = try await pendingSignIn(request) else {
            try await Auditor(dependencies: dependencies, context: context)
                .record("auth.login", outcome: .denied, detail: "no pending sign-in")
            return DashboardRenderer.redirect(to: DashboardPaths.signIn)
        }
        let auditor = Auditor(dependencies: dependencies, context: context, user: user)
        let csrf = CSRFToken.token(forSession: secret)
        guard CSRFToken.matches(fields[CSRFToken.field], csrf) else {
            try await auditor.record("auth.login", outcome: .denied, detail: "csrf token invalid")
            throw VigilError(.forbidden, code: "csrf_failed", message: "The form has expired. Reload the page and try again.")
        }
        if let refusal = try await throttled(
            user.username, context: context, auditor: auditor, action: "auth.login",
            page: { message, status in codeForm(csrf: csrf, message: message, status: status) })
        {
            return refusal
        }
        guard try await dependencies.secondFactor.verify(fields["code"] ?? "", for: user.id) else {
            await dependencies.signInThrottle.recordFailure(
                username: user.username, address: context.sourceAddress, now: dependencies.now())
            try await auditor.record("auth.login", outcome: .denied, detail: "invalid second factor")
            return codeForm(csrf: csrf, message: "The code is wrong or was already used.", status: .unauthorized)
        }
        try await self.context.sessions.end(secret)
        return try await complete(user, context: context, detail: "session, second factor")
    }
}
