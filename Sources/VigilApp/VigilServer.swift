import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VigilSecurity
import VigilStore
import VigilWeb

/// The composition root: opens the database, bootstraps the first admin,
/// and runs every service until SIGINT or SIGTERM, then shuts down gracefully.
public struct VigilServer: Sendable {
    let configuration: VigilConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(configuration: VigilConfiguration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    /// The web dependencies over an open store, as `serve` and the tests assemble them.
    public func dependencies(store: any Store) -> WebDependencies {
        WebDependencies(
            store: store, passwords: PasswordHasher(configuration: configuration.passwords),
            tokens: TokenIssuer(store: store.tokens, configuration: configuration.tokens), now: now)
    }

    /// The HTTP application over an open store.
    public func application(store: any Store, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: VigilRouter.build(dependencies(store: store)),
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "Vigil"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Opens the store, bootstraps, serves until a shutdown signal, then closes the store.
    public func run() async throws {
        let store = try await StoreFactory.openMigrated(configuration, logger: logger)
        do {
            try await bootstrapAdmin(store: store)
            let application = application(store: store) { [logger] port in
                logger.notice("Vigil is serving", metadata: ["http.port": "\(port)"])
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            logger.notice("Vigil stopped")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    private func bootstrapAdmin(store: any Store) async throws {
        let bootstrap = AdminBootstrap(store: store, passwords: PasswordHasher(configuration: configuration.passwords))
        switch try await bootstrap.run(configuredPassword: configuration.bootstrapAdminPassword, now: now()) {
        case .alreadyInitialized:
            break
        case .createdWithConfiguredPassword:
            logger.notice("Created the administrator 'admin' with the configured password")
        case .createdWithGeneratedPassword(let password):
            // Printed once to the console, deliberately not logged.
            let notice = "Created the administrator 'admin' with password: \(password)\nStore it now; it is not shown again.\n"
            FileHandle.standardOutput.write(Data(notice.utf8))
            logger.notice("Created the administrator 'admin' with a generated password (printed to the console)")
        }
    }
}
