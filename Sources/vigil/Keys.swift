import ArgumentParser
import Foundation
import VigilApp

/// `vigil keys …`: the master key that seals device keys and other secrets.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the master key that seals device keys and secrets.",
        subcommands: [RotateMaster.self, Rewrap.self, RetireOld.self])
}

/// Shared by the key commands: open the store, run one rotation step, report.
private func runRotation(
    _ database: DatabaseOptions, _ step: (MasterKeyRotation) async throws -> MasterKeyRotation.Report
) async throws {
    let logger = ProcessLogging.bootstrap(level: .warning)
    var configuration = VigilConfiguration()
    database.apply(to: &configuration)
    let store = try await StoreFactory.openMigrated(configuration, logger: logger)
    do {
        let report = try await step(
            MasterKeyRotation(store: store, dataDirectory: URL(fileURLWithPath: configuration.dataDirectory)))
        print("Active master key \(report.activeKeyID); re-wrapped \(report.rewrapped) device key pair(s), \(report.rewrappedTOTPSecrets) TOTP secret(s) and \(report.rewrappedWebhookSecrets) webhook endpoint(s).")
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}

/// `vigil keys rotate-master`.
struct RotateMaster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new master key active and re-wrap every secret under it; old keys keep working.")
    @OptionGroup var database: DatabaseOptions
    func run() async throws { try await runRotation(database) { try await $0.rotate() } }
}

/// `vigil keys rewrap`.
struct Rewrap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-wrap every secret under the active master key (after changing VIGIL_MASTER_KEY).")
    @OptionGroup var database: DatabaseOptions
    func run() async throws { try await runRotation(database) { try await $0.rewrap() } }
}

/// `vigil keys retire-old`.
struct RetireOld: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-wrap stragglers, then drop every master key but the active one from the key file.")
    @OptionGroup var database: DatabaseOptions
    func run() async throws { try await runRotation(database) { try await $0.retireOldKeys() } }
}
