import Foundation
import Hummingbird
import VigilCore

/// Registers dashboard pages so that access control cannot be forgotten,
/// like `SecureRoutes` does for the API: every page names the roles allowed
/// to see it. A visitor without a live session is sent to sign in; one with
/// another role gets 403; a form post without the session's CSRF token gets
/// 403 before its handler runs. Each refusal is audited.
struct DashboardRoutes {
    let group: RouterGroup<VigilRequestContext>
    let context: DashboardContext

    /// Adds a page (GET). With `touch: false` the request does not count as
    /// activity for the idle timeout (background refreshes).
    func page(
        _ path: RouterPath, action: String, allow roles: Set<Role>, touch: Bool = true,
        _ handler: @escaping @Sendable (Request, DashboardContext.Visitor) async throws -> Response
    ) {
        let pages = context
        group.get(path) { request, context in
            guard let visitor = try await pages.visitor(request, context, action: action, roles: roles, touch: touch)
            else { return DashboardRenderer.redirect(to: DashboardPaths.signIn) }
            return try await handler(request, visitor)
        }
    }

    /// Adds a form post (POST) whose CSRF token is checked before `handler` runs.
    func form(
        _ path: RouterPath, action: String, allow roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, DashboardContext.Visitor, FormBody) async throws -> Response
    ) {
        let pages = context
        group.post(path) { request, context in
            guard let visitor = try await pages.visitor(request, context, action: action, roles: roles, touch: true)
            else { return DashboardRenderer.redirect(to: DashboardPaths.signIn) }
            let form = try await FormBody.read(request)
            guard CSRFToken.matches(form[CSRFToken.field], visitor.session.csrfToken) else {
                try await visitor.caller.auditor.record(action, outcome: .denied, detail: "csrf token invalid")
                throw VigilError(.forbidden, code: "csrf_failed", message: "The form has expired. Reload the page and try again.")
            }
            return try await handler(request, visitor, form)
        }
    }
}
