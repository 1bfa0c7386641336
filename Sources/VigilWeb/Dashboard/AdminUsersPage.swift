import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/users`: every user and a create form (validated by
/// `UserFactory`, like the API).
struct AdminUsersPage {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let username: String
            let displayName: String
            let role: String
            let status: String
            let id: String
            let actionsPath: String
            let toggle: String
            let csrf: String
        }

        struct Option {
            let id: String
            let name: String
        }

        let rows: [Row]
        let patients: [Option]
        let csrf: String
        let feedback: AdminFormFeedback
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        registerActions(on: routes)
        routes.page("admin/users", action: "user.list", allow: .admin) { _, visitor in
            try await page.render(visitor, feedback: .none)
        }
        routes.form("admin/users", action: "user.create", allow: .admin) { _, visitor, form in
            let dependencies = page.context.dependencies
            let feedback: AdminFormFeedback
            do {
                guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
                    throw VigilError.badRequest("Choose a role.", code: "invalid_role")
                }
                let input = NewUserInput(
                    username: form.trimmed("username") ?? "", password: form["password"] ?? "", role: role,
                    displayName: form.trimmed("displayName"),
                    patientId: role == .patient ? form.trimmed("patientId").map { PatientID($0) } : nil)
                let user = try await UserFactory(dependencies: dependencies).make(from: input)
                try await dependencies.store.users.create(user)
                try await visitor.caller.auditor.record("user.create", patient: user.patientID, detail: "user=\(user.id)")
                feedback = AdminFormFeedback(message: "User created.", isError: false)
            } catch {
                feedback = try AdminFormFeedback.refusal(error)
            }
            return try await page.render(visitor, feedback: feedback)
        }
    }

    /// Password reset, disable and enable of one user.
    private func registerActions(on routes: DashboardRoutes) {
        let page = self
        routes.form("admin/users/:userId/password", action: "user.password.reset", allow: .admin) { _, visitor, form in
            let dependencies = page.context.dependencies
            var user = try await page.user(visitor, action: "user.password.reset")
            let feedback: AdminFormFeedback
            let password = form["password"] ?? ""
            if dependencies.passwords.isAcceptable(password) {
                user.passwordHash = try await dependencies.passwords.hash(password)
                try await dependencies.store.users.update(user)
                try await visitor.caller.auditor.record("user.password.reset", detail: "user=\(user.id)")
                feedback = AdminFormFeedback(message: "Password of \(user.username) reset.", isError: false)
            } else {
                feedback = AdminFormFeedback(
                    message: "The password must be \(dependencies.passwords.configuration.minimumLength) to 72 bytes.",
                    isError: true)
            }
            return try await page.render(visitor, feedback: feedback)
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            routes.form("admin/users/:userId/\(action)", action: "user.\(action)", allow: .admin) { _, visitor, _ in
                var user = try await page.user(visitor, action: "user.\(action)")
                guard user.id != visitor.user.id else {
                    return try await page.render(
                        visitor, feedback: AdminFormFeedback(message: "You cannot \(action) yourself.", isError: true))
                }
                user.isDisabled = disabled
                try await page.context.dependencies.store.users.update(user)
                try await visitor.caller.auditor.record("user.\(action)", detail: "user=\(user.id)")
                return try await page.render(
                    visitor, feedback: AdminFormFeedback(message: "\(user.username) \(action)d.", isError: false))
            }
        }
    }

    /// The user named in the path; 404 (audited) when there is none.
    private func user(_ visitor: DashboardContext.Visitor, action: String) async throws -> User {
        guard let user = try await context.dependencies.store.users.user(UserID(try visitor.parameter("userId"))) else {
            try await visitor.caller.auditor.record(action, outcome: .denied, detail: "user not found")
            throw VigilError.notFound("user")
        }
        return user
    }

    private func render(_ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback) async throws -> Response {
        let users = try await context.dependencies.store.users.all()
        try await visitor.caller.auditor.record("user.list")
        let patients = try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .visiblePatients()
        let rows = users.map {
            Model.Row(
                username: $0.username, displayName: $0.displayName, role: $0.role.rawValue,
                status: $0.isDisabled ? "disabled" : "active", id: $0.id.rawValue,
                actionsPath: "/dashboard/admin/users/\($0.id.rawValue)", toggle: $0.isDisabled ? "enable" : "disable",
                csrf: visitor.session.csrfToken)
        }
        return context.renderer.page(
            "admin-users",
            Model(
                rows: rows, patients: patients.map { Model.Option(id: $0.id.rawValue, name: $0.displayName) },
                csrf: visitor.session.csrfToken, feedback: feedback),
            title: "Users", chrome: visitor.chrome, status: feedback.isError ? .badRequest : .ok)
    }
}
