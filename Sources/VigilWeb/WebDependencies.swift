import Foundation
import Logging
import VigilCore
import VigilMonitoring
import VigilSecurity
import VigilStore

/// What the web layer needs from the rest of Vigil.
public struct WebDependencies: Sendable {
    public var store: any Store
    public var passwords: PasswordHasher
    public var tokens: TokenIssuer
    /// Device keys, telemetry and quarantine replay.
    public var devices: DeviceServices
    /// The current time; injectable so tests can move it.
    public var now: @Sendable () -> Date
    /// URL policy and secret rotation of the webhook API.
    public var webhooks: WebhookSettings
    /// Alert lifecycle steps (acknowledge, resolve) and the live event bus.
    public var alerts: AlertManager
    /// Sessions and sign-in limits of the dashboard.
    public var dashboard: DashboardSettings
    /// Failed dashboard sign-ins, shared by every listener of this process.
    let signInThrottle: SignInThrottle
    /// Days with readings per patient, for the worklist.
    let readingDays = ReadingDaysCache()
    /// The last two NEWS2 totals per patient, for the worklist's trend arrows.
    let news2Trends = NEWS2TrendCache()

    public init(
        store: any Store, passwords: PasswordHasher, tokens: TokenIssuer, devices: DeviceServices,
        now: @escaping @Sendable () -> Date, webhooks: WebhookSettings = WebhookSettings(),
        alerts: AlertManager? = nil, dashboard: DashboardSettings = DashboardSettings()
    ) {
        self.store = store
        self.passwords = passwords
        self.tokens = tokens
        self.devices = devices
        self.now = now
        self.webhooks = webhooks
        self.dashboard = dashboard
        signInThrottle = SignInThrottle(settings: dashboard)
        self.alerts =
            alerts ?? AlertManager(store: store, lifecycle: AlertLifecycle(), bus: EventBus(), logger: Logger(label: "vigil.alerts"), now: now)
    }
}
