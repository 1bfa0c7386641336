import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/account/two-factor` (admins): an admin's own TOTP second
/// factor. Setting up shows a fresh secret (Base32 and `otpauth://` URI)
/// that takes effect only once a code from it is entered; turning it off
/// takes a current code too. Every step is audited.
struct TwoFactorPage {
    let context: DashboardContext

    private struct Model {
        let path = DashboardPaths.twoFactor
        let isOff: Bool
        let setup: SecondFactor.Setup?
        let onSince: String?
        let csrf: String
        let feedback: AdminFormFeedback

        init(_ status: SecondFactor.Status, csrf: String, feedback: AdminFormFeedback) {
            switch status {
            case .off: (isOff, setup, onSince) = (true, nil, nil)
            case .pending(let pending): (isOff, setup, onSince) = (false, pending, nil)
            case .on(let since): (isOff, setup, onSince) = (false, nil, DashboardTime.text(since))
            }
            self.csrf = csrf
            self.feedback = feedback
        }
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("account/two-factor", action: "auth.totp.read", allow: .admin) { _, visitor in
            try await page.render(visitor, feedback: .none)
        }
        routes.form("account/two-factor/setup", action: "auth.totp.setup", allow: .admin) { _, visitor, _ in
            guard try await page.secondFactor.begin(for: visitor.user) != nil else {
                return try await page.render(visitor, feedback: .error("Two-step sign-in is already on."))
            }
            try await visitor.caller.auditor.record("auth.totp.setup")
            return try await page.render(visitor, feedback: .none)
        }
        routes.form("account/two-factor/confirm", action: "auth.totp.enable", allow: .admin) { _, visitor, form in
            guard try await page.secondFactor.confirm(form["code"] ?? "", for: visitor.user.id) else {
                try await visitor.caller.auditor.record("auth.totp.enable", outcome: .failure, detail: "wrong code")
                return try await page.render(visitor, feedback: .error("The code is wrong. Check the app's clock and try the next code."))
            }
            try await visitor.caller.auditor.record("auth.totp.enable")
            return try await page.render(visitor, feedback: .notice("Two-step sign-in is on."))
        }
        routes.form("account/two-factor/disable", action: "auth.totp.disable", allow: .admin) { _, visitor, form in
            guard try await page.secondFactor.disable(form["code"] ?? "", for: visitor.user.id) else {
                try await visitor.caller.auditor.record("auth.totp.disable", outcome: .failure, detail: "wrong code")
                return try await page.render(visitor, feedback: .error("The code is wrong or was already used."))
            }
            try await visitor.caller.auditor.record("auth.totp.disable")
            return try await page.render(visitor, feedback: .notice("Two-step sign-in is off."))
        }
    }

    private var secondFactor: SecondFactor { context.dependencies.secondFactor }

    private func render(_ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback) async throws -> Response {
        let model = Model(
            try await secondFactor.status(of: visitor.user), csrf: visitor.session.csrfToken, feedback: feedback)
        return context.renderer.page(
            "two-factor", model, title: "Two-step sign-in", chrome: visitor.chrome,
            status: feedback.isError ? .badRequest : .ok)
    }
}
