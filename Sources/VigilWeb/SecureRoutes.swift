import Foundation
import Hummingbird
import VigilCore

/// Registers API routes so that access control cannot be forgotten: every
/// route names the roles allowed to call it, and a caller without a valid
/// token or with another role is refused (401 / 403) and audited before the
/// handler runs. Routes open to everyone must be declared with `public`.
struct SecureRoutes {
    let group: RouterGroup<VigilRequestContext>
    let dependencies: WebDependencies

    /// A request that passed authentication and the role check.
    struct Caller: Sendable {
        let user: User
        let context: VigilRequestContext
        let auditor: Auditor

        /// A path parameter, or 404 when absent.
        func parameter(_ name: String) throws -> String {
            guard let value = context.parameters.get(name) else { throw VigilError.notFound("resource") }
            return value
        }
    }

    /// Adds a route that only signed-in users with one of `roles` may call.
    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: RouterPath, action: String, allow roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, Caller) async throws -> Output
    ) {
        let dependencies = dependencies
        group.on(path, method: method) { request, context in
            let auditor = Auditor(dependencies: dependencies, context: context)
            guard let user = context.user else {
                try await auditor.record(action, outcome: .denied, detail: "unauthenticated")
                throw VigilError.unauthenticated
            }
            guard roles.contains(user.role) else {
                try await auditor.record(action, outcome: .denied, detail: "role not allowed")
                throw VigilError.forbidden
            }
            return try await handler(request, Caller(user: user, context: context, auditor: auditor))
        }
    }

    /// Adds a route anyone may call, such as sign-in.
    func `public`<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: RouterPath,
        _ handler: @escaping @Sendable (Request, VigilRequestContext) async throws -> Output
    ) {
        group.on(path, method: method, use: handler)
    }
}

extension Set<Role> {
    static let everyone: Self = Set(Role.allCases)
    static let admin: Self = [.admin]
    static let staff: Self = [.admin, .clinician]
}
