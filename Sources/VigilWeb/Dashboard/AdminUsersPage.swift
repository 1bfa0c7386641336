import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/users`: every user, a create form (validated by
/// `UserFactory`, like the API), and per user: change of role, password
/// reset, disable/enable, and removal of a lost second factor. An admin
/// cannot change their own role or disable themselves, so an administrator
/// always remains.
struct AdminUsersPage {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let username: String
            let displayName: String
            let role: String
            let status: String
            let twoStep: Bool
            let id: String
            let actionsPath: String
            let toggle: String
            let roles: [Option]
            let patients: [Option]
            let csrf: String
        }

        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }

        let rows: [Row]
        let patients: [Option]
        let csrf: String
        let feedback: AdminFormFeedback
    }

    /// The roles in the order the forms offer them, with their labels.
    private static let roleLabels: [(Role, String)] = [
        (.clinician, "Clinician"), (.patient, "Patient"), (.admin, "Administrator"),
    ]

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
                feedback = .notice("User created.")
            } catch {
                feedback = try AdminFormFeedback.refusal(error)
            }
            return try await page.render(visitor, feedback: feedback)
        }
    }

    /// Role change, password reset, disable, enable and second-factor removal of one user.
    private func registerActions(on routes: DashboardRoutes) {
        let page = self
        routes.form("admin/users/:userId/role", action: "user.role.update", allow: .admin) { _, visitor, form in
            try await page.render(visitor, feedback: try await page.changeRole(visitor, form))
        }
        routes.form("admin/users/:userId/password", action: "user.password.reset", allow: .admin) { _, visitor, form in
            let dependencies = page.context.dependencies
            var user = try await page.user(visitor, action: "user.password.reset")
            let feedback: AdminFormFeedback
            let password = form["password"] ?? ""
            if dependencies.passwords.isAcceptable(password) {
                user.passwordHash = try await dependencies.passwords.hash(password)
                try await dependencies.store.users.update(user)
                try await visitor.caller.auditor.record("user.password.reset", detail: "user=\(user.id)")
                feedback = .notice("Password of \(user.username) reset.")
            } else {
                feedback = .error("The password must be \(dependencies.passwords.configuration.minimumLength) to 72 bytes.")
            }
            return try await page.render(visitor, feedback: feedback)
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            routes.form("admin/users/:userId/\(action)", action: "user.\(action)", allow: .admin) { _, visitor, _ in
                var user = try await page.user(visitor, action: "user.\(action)")
                guard user.id != visitor.user.id else {
                    return try await page.render(visitor, feedback: .error("You cannot \(action) yourself."))
                }
                user.isDisabled = disabled
                try await page.context.dependencies.store.users.update(user)
                try await visitor.caller.auditor.record("user.\(action)", detail: "user=\(user.id)")
                return try await page.render(visitor, feedback: .notice("\(user.username) \(action)d."))
            }
        }
        routes.form("admin/users/:userId/two-factor/remove", action: "auth.totp.remove", allow: .admin) { _, visitor, _ in
            let user = try await page.user(visitor, action: "auth.totp.remove")
            guard user.id != visitor.user.id else {
                return try await page.render(
                    visitor, feedback: .error("Turn your own two-step sign-in off on its page, with a code."))
            }
            try await page.context.dependencies.store.totp.remove(of: user.id)
            try await visitor.caller.auditor.record("auth.totp.remove", detail: "user=\(user.id)")
            return try await page.render(visitor, feedback: .notice("Two-step sign-in of \(user.username) removed."))
        }
    }

    /// Gives the user in the path another role (and, for a patient user, its
    /// patient), validated like a new user; the visitor's own role stays.
    private func changeRole(_ visitor: DashboardContext.Visitor, _ form: FormBody) async throws -> AdminFormFeedback {
        var user = try await user(visitor, action: "user.role.update")
        guard user.id != visitor.user.id else { return .error("You cannot change your own role.") }
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else { return .error("Choose a role.") }
        let patient = role == .patient ? form.trimmed("patientId").map { PatientID($0) } : nil
        do {
            try await UserFactory(dependencies: context.dependencies).checkPatientLink(role: role, patient: patient)
        } catch {
            return try AdminFormFeedback.refusal(error)
        }
        user.role = role
        user.patientID = patient
        try await context.dependencies.store.users.update(user)
        try await visitor.caller.auditor.record(
            "user.role.update", patient: patient, detail: "user=\(user.id) role=\(role.rawValue)")
        return .notice("The role of \(user.username) is now \(role.rawValue).")
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
        let store = context.dependencies.store
        let users = try await store.users.all()
        let twoStep = try await store.totp.confirmedUsers()
        try await visitor.caller.auditor.record("user.list")
        let patients = try await PatientRepository(store: store, caller: visitor.caller).visiblePatients()
        let csrf = visitor.session.csrfToken
        let rows = users.map { user in
            Model.Row(
                username: user.username, displayName: user.displayName, role: user.role.rawValue,
                status: user.isDisabled ? "disabled" : "active", twoStep: twoStep.contains(user.id), id: user.id.rawValue,
                actionsPath: DashboardPaths.user(user.id), toggle: user.isDisabled ? "enable" : "disable",
                roles: Self.roleLabels.map { Model.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == user.role) },
                patients: patients.map {
                    Model.Option(value: $0.id.rawValue, label: $0.displayName, selected: $0.id == user.patientID)
                },
                csrf: csrf)
        }
        return context.renderer.page(
            "admin-users",
            Model(
                rows: rows,
                patients: patients.map { Model.Option(value: $0.id.rawValue, label: $0.displayName, selected: false) },
                csrf: csrf, feedback: feedback),
            title: "Users", chrome: visitor.chrome, status: feedback.isError ? .badRequest : .ok)
    }
}
