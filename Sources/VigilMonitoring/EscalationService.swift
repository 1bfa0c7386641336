import Foundation
import Logging
import ServiceLifecycle

/// Escalates open alerts nobody acknowledged in time.
///
/// Deadlines live in the store, not in timers: the service checks for due
/// alerts when it starts (so alerts that fell due while Vigil was stopped
/// escalate at once) and then every `checkInterval`. Tests call `tick()`
/// with a manual clock instead of waiting.
public struct EscalationService: Service {
    /// How often to look for due alerts.
    public struct Configuration: Sendable, Hashable {
        /// Seconds between checks. Default 15.
        public var checkInterval: TimeInterval

        public init(checkInterval: TimeInterval = 15) { self.checkInterval = checkInterval }
    }

    private let alerts: AlertManager
    private let configuration: Configuration
    private let logger: Logger

    public init(alerts: AlertManager, configuration: Configuration = .init(), logger: Logger) {
        self.alerts = alerts
        self.configuration = configuration
        self.logger = logger
    }

    /// Checks at once, then every `checkInterval`, until graceful shutdown.
    public func run() async throws {
        try await PeriodicCheck.run(every: configuration.checkInterval, named: "Escalation check", logger: logger) {
            [self] in try await tick()
        }
    }

    /// Escalates every alert due now; returns how many escalated.
    @discardableResult
    public func tick() async throws -> Int {
        try await alerts.escalateDue().count
    }
}
