import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle
import VigilCore
import VigilGateway
import VigilMonitoring
import VigilSecurity
import VigilStore
import VigilWeb

/// The composition root: opens the database and the key vault, bootstraps the
/// first admin, and runs every service until SIGINT or SIGTERM, then shuts
/// down gracefully (listeners first, then the ingest writer drains).
public struct VigilServer: Sendable {
    let configuration: VigilConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(configuration: VigilConfiguration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    /// Opens the store, serves until a shutdown signal, then closes the store.
    public func run() async throws {
        let store = try await StoreFactory.openMigrated(configuration, logger: logger)
        do {
            try await bootstrapAdmin(store: store)
            let assembly = try assemble(store: store)
            let credentials = try tlsCredentials()
            let listeners = assembly.listeners
            for name in ["http", "https", "mqtt"] + (configuration.mqttPlainPort == nil ? [] : ["mqtt-plain"]) {
                await listeners.expect(name)
            }
            let http = assembly.httpApplication { [logger] port in
                await listeners.markBound("http")
                logger.notice("Vigil is serving HTTP", metadata: ["http.port": "\(port)"])
            }
            let https = try assembly.httpsApplication(credentials: credentials) { [logger] port in
                await listeners.markBound("https")
                logger.notice("Vigil is serving HTTPS for devices", metadata: ["https.port": "\(port)"])
            }
            if let ca = credentials.caCertificatePath {
                logger.notice("Devices must trust this CA certificate", metadata: ["ca.path": "\(ca)"])
            }
            let mqtt = try assembly.mqttServers(credentials: credentials) { [logger] tls, port in
                await listeners.markBound(tls ? "mqtt" : "mqtt-plain")
                logger.notice(
                    tls ? "Vigil is serving MQTT over TLS for devices" : "Vigil is serving plain MQTT (development only)",
                    metadata: ["mqtt.port": "\(port)"])
            }
            // Services stop in reverse order: the demo devices and the MQTT listeners
            // stop first, while the ingest writer (run by `http`) still commits what they sent.
            var services: [any Service] = [http, https] + mqtt
            if let demo = configuration.demo {
                services.append(try await demoSimulator(demo, assembly: assembly))
            }
            let group = ServiceGroup(
                configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            logger.notice("Vigil stopped")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Builds every service over an open store (used by `run` and by tests).
    public func assemble(store: any Store) throws -> VigilAssembly {
        try VigilAssembly(configuration: configuration, store: store, vault: openVault(), logger: logger, now: now)
    }

    private func openVault() throws -> SecretVault {
        let loaded = try MasterKeyRing.load(dataFolder: URL(fileURLWithPath: configuration.dataDirectory))
        switch loaded.source {
        case .createdFile:
            logger.warning(
                "Created a new master key file; back it up: without it no device key or secret can be read",
                metadata: ["file": "\(MasterKeyRing.keyFileURL(in: URL(fileURLWithPath: configuration.dataDirectory)).path)"])
        case .environment, .file:
            break
        }
        if loaded.fileIsExposed {
            logger.warning("The master key file is readable by other users; restrict it to mode 0600")
        }
        return SecretVault(ring: loaded.ring)
    }

    private func tlsCredentials() throws -> TLSCredentials {
        if let chain = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
            return try DeviceCertificates.load(certificateChainPath: chain, privateKeyPath: key)
        }
        return try DeviceCertificates(
            configuration: .init(
                folder: URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("tls"),
                hostName: configuration.hostName)
        ).prepare(now: now())
    }

    private func bootstrapAdmin(store: any Store) async throws {
        let bootstrap = AdminBootstrap(store: store, passwords: PasswordHasher(configuration: configuration.passwords))
        let configured =
            configuration.bootstrapAdminPassword ?? (configuration.demo == nil ? nil : DemoConfiguration.adminPassword)
        switch try await bootstrap.run(configuredPassword: configured, now: now()) {
        case .alreadyInitialized:
            break
        case .createdWithConfiguredPassword:
            logger.notice("Created the administrator 'admin' with the configured password")
        case .createdWithGeneratedPassword(let password):
            // Shown once on the console, deliberately not logged.
            let notice = "Created the administrator 'admin' with password: \(password)\nStore it now; it is not shown again.\n"
            FileHandle.standardOutput.write(Data(notice.utf8))
            logger.notice("Created the administrator 'admin' with a generated password (printed to the console)")
        }
    }
}
