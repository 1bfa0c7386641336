import Foundation
import Hummingbird
import VigilCore

/// `/api/v1/users` (admins): create, list, get.
struct UsersController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.add(.post, "users", action: "user.create", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: NewUserInput.self, context: caller.context)
            let user = try await UserFactory(dependencies: dependencies).make(from: input)
            try await dependencies.store.users.create(user)
            try await caller.auditor.record("user.create", patient: user.patientID, detail: "user=\(user.id)")
            return Created(body: UserView(user))
        }
        routes.add(.get, "users", action: "user.list", allow: .admin) { _, caller in
            try await caller.auditor.record("user.list")
            return try await dependencies.store.users.all().map(UserView.init)
        }
        routes.add(.get, "users/:userId", action: "user.read", allow: .admin) { _, caller in
            guard let user = try await dependencies.store.users.user(UserID(try caller.parameter("userId"))) else {
                throw VigilError.notFound("user")
            }
            try await caller.auditor.record("user.read", detail: "user=\(user.id)")
            return UserView(user)
        }
    }
}

/// The body of `POST /api/v1/users`.
public struct NewUserInput: Decodable, Sendable {
    public var username: String
    public var password: String
    public var role: Role
    public var displayName: String?
    public var patientId: PatientID?

    public init(username: String, password: String, role: Role, displayName: String? = nil, patientId: PatientID? = nil) {
        self.username = username
        self.password = password
        self.role = role
        self.displayName = displayName
        self.patientId = patientId
    }
}

/// Validates a new user and hashes its password; shared by the API and the command line.
public struct UserFactory: Sendable {
    let dependencies: WebDependencies

    public init(dependencies: WebDependencies) {
        self.dependencies = dependencies
    }

    /// A valid user ready to store, or a `VigilError` saying what is wrong.
    public func make(from input: NewUserInput) async throws -> User {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-")
        guard (1...64).contains(input.username.count),
            input.username.unicodeScalars.allSatisfy(allowed.contains)
        else {
            throw VigilError.badRequest(
                "username must be 1 to 64 letters, digits or . _ @ -.", code: "invalid_username")
        }
        guard dependencies.passwords.isAcceptable(input.password) else {
            throw VigilError.badRequest(
                "password must be \(dependencies.passwords.configuration.minimumLength) to 72 bytes.",
                code: "weak_password")
        }
        try await checkPatientLink(role: input.role, patient: input.patientId)
        if try await dependencies.store.users.user(named: input.username) != nil {
            throw VigilError(.conflict, code: "username_taken", message: "That username is taken.")
        }
        return User(
            username: input.username, displayName: input.displayName ?? input.username, role: input.role,
            patientID: input.patientId, passwordHash: try await dependencies.passwords.hash(input.password),
            createdAt: dependencies.now())
    }

    /// Throws unless a user of `role` names a patient exactly when it is a
    /// patient user, and that patient exists.
    func checkPatientLink(role: Role, patient: PatientID?) async throws {
        switch (role, patient) {
        case (.patient, let patientID?):
            guard try await dependencies.store.patients.patient(patientID) != nil else {
                throw VigilError.badRequest("patientId names no patient.", code: "invalid_patient")
            }
        case (.patient, nil):
            throw VigilError.badRequest("A patient user needs a patientId.", code: "invalid_patient")
        case (_, .some):
            throw VigilError.badRequest("Only patient users have a patientId.", code: "invalid_patient")
        case (_, nil):
            break
        }
    }
}
