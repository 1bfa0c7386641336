import Foundation
import Hummingbird
import VigilCore

/// What dashboard handlers share: dependencies, the renderer, sessions, and
/// the session and role check every page goes through (see `DashboardRoutes`).
struct DashboardContext: Sendable {
    let dependencies: WebDependencies
    let renderer: DashboardRenderer

    var sessions: SessionManager { SessionManager(store: dependencies.store.tokens, settings: dependencies.dashboard) }

    /// A signed-in visitor whose role may use the page.
    struct Visitor: Sendable {
        let caller: SecureRoutes.Caller
        let session: SessionManager.Session

        var user: User { caller.user }

        /// The layout's view of the visitor.
        var chrome: DashboardRenderer.Chrome {
            DashboardRenderer.Chrome(
                userName: user.displayName, roleName: user.role.rawValue, isStaff: user.role != .patient,
                isAdmin: user.role == .admin, ownPatientPath: user.patientID.map(DashboardPaths.patient),
                csrf: session.csrfToken)
        }

        /// A path parameter, or 404 when absent.
        func parameter(_ name: String) throws -> String { try caller.parameter(name) }
    }

    /// The visitor of a request after the session and role checks; nil when
    /// there is no live session (audited).
    func visitor(
        _ request: Request, _ context: VigilRequestContext, action: String, roles: Set<Role>, touch: Bool
    ) async throws -> Visitor? {
        var context = context
        let now = dependencies.now()
        guard let secret = request.cookies[SessionCookies.session]?.value,
            let session = try await sessions.session(secret, now: now, touch: touch),
            let user = try await dependencies.store.users.user(session.userID), !user.isDisabled
        else {
            try await Auditor(dependencies: dependencies, context: context)
                .record(action, outcome: .denied, detail: "unauthenticated")
            return nil
        }
        context.user = user
        let auditor = Auditor(dependencies: dependencies, context: context)
        guard roles.contains(user.role) else {
            try await auditor.record(action, outcome: .denied, detail: "role not allowed")
            throw VigilError.forbidden
        }
        return Visitor(caller: SecureRoutes.Caller(user: user, context: context, auditor: auditor), session: session)
    }
}
