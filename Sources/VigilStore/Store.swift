import VigilCore

/// A Vigil database: one place that holds every kind of record, behind
/// capability protocols. Implemented by `SQLiteStore` and `PostgresStore`.
public protocol Store: Sendable {
    var readings: any ReadingStore { get }
    var patients: any PatientStore { get }
    var devices: any DeviceStore { get }
    var users: any UserStore { get }
    var tokens: any TokenStore { get }
    /// Users' TOTP second factors.
    var totp: any TOTPStore { get }
    var audit: any AuditStore { get }
    /// Each device's two shared access keys, sealed by the key vault.
    var deviceKeys: any DeviceKeyStore { get }
    /// Group commits of device messages, deduplicated by device and message id.
    var ingest: any IngestStore { get }
    /// What devices sent that Vigil refused, kept for inspection and replay.
    var quarantine: any QuarantineStore { get }
    /// Device twins: desired and reported properties with versions.
    var twins: any DeviceTwinStore { get }
    /// Cloud-to-device messages queued until their device acknowledges them.
    var cloudMessages: any CloudMessageStore { get }
    /// Persistent MQTT sessions of devices (their subscriptions).
    var sessions: any DeviceSessionStore { get }
    /// Clinical alerts and their lifecycle.
    var alerts: any AlertStore { get }
    /// Each patient's alerting rules.
    var rules: any RuleStore { get }
    /// Webhook endpoints and their sealed signing secrets.
    var webhooks: any WebhookStore { get }
    /// The transactional outbox of webhook events and their deliveries.
    var outbox: any OutboxStore { get }

    /// A patient's snapshot for evaluation (see `PatientSnapshot`); `nil` for
    /// an unknown patient. A backend that can reads it in one transaction, so
    /// that the readings and alerts it returns are of one moment.
    func snapshot(of patient: PatientID) async throws -> PatientSnapshot?

    /// Applies every migration not yet applied, in order, and returns the
    /// names of those it applied (empty when the schema is current).
    func migrate() async throws -> [String]

    /// Throws unless the database answers a trivial query.
    func checkHealth() async throws

    /// Releases connections and files. The store must not be used afterwards.
    func close() async throws
}

extension Store {
    /// The snapshot read through the parts' own queries, one after another.
    public func snapshot(of id: PatientID) async throws -> PatientSnapshot? {
        guard let patient = try await patients.patient(id) else { return nil }
        return PatientSnapshot(
            patient: patient, storedRules: try await rules.rules(of: id), latest: try await readings.latest(of: id),
            activeAlerts: try await alerts.activeAlerts(of: id))
    }
}
