import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/signin` and `/dashboard/signout`: session sign-in with a
/// password (then a TOTP code for users who enrolled one, see
/// `SignInController+SecondFactor.swift`), throttled after repeated
/// failures, and sign-out.
struct SignInController {
    let context: DashboardContext

    var dependencies: WebDependencies { context.dependencies }
    var settings: DashboardSettings { dependencies.dashboard }

    /// What the sign-in template shows.
    private struct Model {
        let csrf: String
        let username: String
        let message: String?
    }

    func register(on routes: DashboardRoutes) {
        let controller = self
        routes.group.get("signin") { _, _ in
            controller.form(username: "", message: nil, status: .ok)
        }
        routes.group.post("signin") { request, context in
            try await controller.signIn(request, context)
        }
        registerSecondFactor(on: routes)
        routes.form("signout", action: "auth.logout", allow: .everyone) { _, visitor, _ in
            try await controller.context.sessions.end(visitor.session.secret)
            try await visitor.caller.auditor.record("auth.logout")
            var response = DashboardRenderer.redirect(to: DashboardPaths.signIn)
            response.setCookie(SessionCookies.expired(SessionCookies.session, path: "/", settings: controller.settings))
            return response
        }
    }

    /// The sign-in form with a fresh double-submit CSRF value.
    private func form(username: String, message: String?, status: HTTPResponse.Status) -> Response {
        let csrf = CSRFToken.fresh()
        var response = context.renderer.page(
            "signin", Model(csrf: csrf, username: username, message: message), title: "Sign in", chrome: nil,
            status: status)
        response.setCookie(SessionCookies.signInCSRF(csrf, settings: settings))
        return response
    }

    private func signIn(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let fields = try await FormBody.read(request)
        let auditor = Auditor(dependencies: dependencies, context: context)
        guard CSRFToken.matches(fields[CSRFToken.field], request.cookies[SessionCookies.signInCSRF]?.value) else {
            try await auditor.record("auth.login", outcome: .denied, detail: "csrf token invalid")
            throw VigilError(.forbidden, code: "csrf_failed", message: "The form has expired. Reload the page and try again.")
        }
        let username = fields.trimmed("username") ?? ""
        let password = fields["password"] ?? ""
        if let refusal = try await throttled(
            username, context: context, auditor: auditor, action: "auth.login",
            page: { message, status in form(username: username, message: message, status: status) })
        {
            return refusal
        }
        let user = try await dependencies.store.users.user(named: username)
        let matches = try await dependencies.passwords.verify(password, against: user?.passwordHash)
        guard let user, matches, !user.isDisabled else {
            await dependencies.signInThrottle.recordFailure(
                username: username, address: context.sourceAddress, now: dependencies.now())
            try await auditor.record("auth.login", outcome: .denied, detail: "invalid credentials", username: username)
            return form(username: username, message: "The username or password is wrong.", status: .unauthorized)
        }
        if try await dependencies.secondFactor.isRequired(for: user.id) {
            // The throttle is not cleared: wrong codes count with wrong passwords.
            return try await askForCode(user, auditor: Auditor(dependencies: dependencies, context: context, user: user))
        }
        return try await complete(user, context: context, detail: "session")
    }

    /// Starts a session for `user`, audits the sign-in and sends the browser
    /// to the dashboard with the session cookie.
    func complete(_ user: User, context: VigilRequestContext, detail: String) async throws -> Response {
        await dependencies.signInThrottle.recordSuccess(username: user.username)
        let secret = try await self.context.sessions.begin(for: user.id, now: dependencies.now())
        try await Auditor(dependencies: dependencies, context: context, user: user).record("auth.login", detail: detail)
        var response = DashboardRenderer.redirect(to: DashboardPaths.root)
        response.setCookie(SessionCookies.session(secret, settings: settings))
        for cookie in [SessionCookies.signInCSRF, SessionCookies.pendingSignIn] {
            response.setCookie(SessionCookies.expired(cookie, path: DashboardPaths.signIn, settings: settings))
        }
        return response
    }

    /// The throttle's refusal as a page, if `username` from the request's
    /// address must wait; audited as `action`.
    func throttled(
        _ username: String, context: VigilRequestContext, auditor: Auditor, action: String,
        page: (String, HTTPResponse.Status) async throws -> Response
    ) async throws -> Response? {
        guard
            let wait = await dependencies.signInThrottle.retryAfter(
                username: username, address: context.sourceAddress, now: dependencies.now())
        else { return nil }
        try await auditor.record(action, outcome: .denied, detail: "throttled", username: username)
        var response = try await page(
            "Too many failed sign-ins. Try again in \(wait / 60 + 1) minutes.", .tooManyRequests)
        response.headers[.retryAfter] = String(wait)
        return response
    }
}
