import ArgumentParser
import Foundation
import Logging
import VigilApp
import VigilCore
import VigilStore
import VigilWeb

/// `vigil admin …`: administration from the shell, on the configured database.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer users and devices on the configured database.",
        subcommands: [CreateUser.self, CreateDevice.self, RemoveTwoFactor.self])
}

/// Opens the configured store and assembles Vigil over it for one command.
private func withAssembly(
    _ database: DatabaseOptions, hostName: String = "localhost", _ body: (VigilAssembly) async throws -> Void
) async throws {
    let logger = ProcessLogging.bootstrap(level: .warning)
    var configuration = VigilConfiguration(hostName: hostName)
    database.apply(to: &configuration)
    let store = try await StoreFactory.openMigrated(configuration, logger: logger)
    do {
        try await body(try VigilServer(configuration: configuration, logger: logger).assemble(store: store))
    } catch let error as VigilError {
        try? await store.close()
        throw ValidationError(error.message)
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
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
        let secret = try password ?? Self.readPassword()
        try await withAssembly(database) { assembly in
            let input = NewUserInput(
                username: username, password: secret, role: Role(rawValue: role)!, displayName: displayName,
                patientId: patientId.map { PatientID($0) })
            let user = try await UserFactory(dependencies: assembly.web).make(from: input)
            try await assembly.store.users.create(user)
            try await assembly.store.audit.append(
                AuditEntry(
                    action: "user.create", patientID: user.patientID, outcome: .success, sourceAddress: "cli",
                    detail: "user=\(user.id)"))
            print("Created \(user.role.rawValue) '\(user.username)' with id \(user.id)")
        }
    }

    private static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
}

/// `vigil admin remove-two-factor`: turns off a user's two-step sign-in
/// (TOTP), for an administrator who lost the authenticator and has no other
/// administrator to remove it on the dashboard.
struct RemoveTwoFactor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Turn off a user's two-step sign-in (TOTP).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Sign-in name.") var username: String

    func run() async throws {
        try await withAssembly(database) { assembly in
            guard let user = try await assembly.store.users.user(named: username) else {
                throw ValidationError("no user named '\(username)'")
            }
            try await assembly.store.totp.remove(of: user.id)
            try await assembly.store.audit.append(
                AuditEntry(action: "auth.totp.remove", outcome: .success, sourceAddress: "cli", detail: "user=\(user.id)"))
            print("Two-step sign-in of '\(user.username)' is off")
        }
    }
}

/// `vigil admin create-device`: prints the device's keys and connection string once.
struct CreateDevice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a device bound to a patient and print its keys and connection string once.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The patient the device measures.") var patientId: String
    @Option(help: "The device id (default: generated).") var deviceId: String?
    @Option(help: "The IoT Hub HostName for the connection string (VIGIL_HOST_NAME).")
    var hostName: String = Environment.value("VIGIL_HOST_NAME") ?? "localhost"

    func run() async throws {
        try await withAssembly(database, hostName: hostName) { assembly in
            let registry = DeviceRegistry(store: assembly.store, services: assembly.web.devices)
            let id = try deviceId.map(DeviceRegistry.validatedID) ?? DeviceRegistry.generatedID()
            let credentials = try await registry.create(id, for: PatientID(patientId), now: Date())
            try await assembly.store.audit.append(
                AuditEntry(
                    action: "device.create", patientID: credentials.patientId, outcome: .success, sourceAddress: "cli",
                    detail: "device=\(id)"))
            print("deviceId:         \(credentials.deviceId)")
            print("primaryKey:       \(credentials.primaryKey)")
            print("secondaryKey:     \(credentials.secondaryKey)")
            print("connectionString: \(credentials.connectionString)")
        }
    }
}
