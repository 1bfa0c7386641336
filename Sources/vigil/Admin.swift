import ArgumentParser
import Foundation
import VigilApp
import VigilCore
import VigilWeb

/// `vigil admin …`: administration from the shell, on the configured database.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer users on the configured database.", subcommands: [CreateUser.self])
}

/// `vigil admin create-user`.
struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a user. The password is read from standard input unless --password is given.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Sign-in name.") var username: String
    @Option(help: "admin, clinician or patient.") var role: String
    @Option(help: "Name shown in the dashboard (defaults to the username).") var displayName: String?
    @Option(help: "For patient users: the patient record they may see.") var patientId: String?
    @Option(help: "The password (prefer standard input: flags are visible to other local users).")
    var password: String?

    func validate() throws {
        guard Role(rawValue: role) != nil else { throw ValidationError("--role must be admin, clinician or patient") }
    }

    func run() async throws {
        let logger = ProcessLogging.bootstrap(level: .warning)
        var configuration = VigilConfiguration()
        database.apply(to: &configuration)
        let secret = try password ?? Self.readPassword()
        let store = try await StoreFactory.openMigrated(configuration, logger: logger)
        do {
            let server = VigilServer(configuration: configuration, logger: logger)
            let input = NewUserInput(
                username: username, password: secret, role: Role(rawValue: role)!, displayName: displayName,
                patientId: patientId.map { PatientID($0) })
            let user = try await UserFactory(dependencies: server.dependencies(store: store)).make(from: input)
            try await store.users.create(user)
            try await store.audit.append(
                AuditEntry(action: "user.create", patientID: user.patientID, outcome: .success, sourceAddress: "cli", detail: "user=\(user.id)"))
            print("Created \(user.role.rawValue) '\(user.username)' with id \(user.id)")
        } catch let error as VigilError {
            try? await store.close()
            throw ValidationError(error.message)
        }
        try await store.close()
    }

    private static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
}
