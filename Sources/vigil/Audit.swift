import ArgumentParser
import VigilApp
import VigilSecurity

/// `vigil audit …`.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the tamper-evident audit log.", subcommands: [Verify.self])
}

/// `vigil audit verify`: exits 0 when the chain is intact, 1 naming the first broken record otherwise.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check every audit record's hash chain.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = ProcessLogging.bootstrap(level: .warning)
        var configuration = VigilConfiguration()
        database.apply(to: &configuration)
        let store = try StoreFactory.open(configuration, logger: logger)
        let verdict = try await AuditVerifier(store: store.audit).verify()
        try await store.close()
        switch verdict {
        case .intact(let count):
            print("Audit log intact: \(count) records verified.")
        case .broken(let sequence, let reason):
            print("Audit log BROKEN at record \(sequence): \(reason).")
            throw ExitCode.failure
        }
    }
}
