import Foundation
import GRDB
import VigilCore
import VigilStore

/// The Vigil store on an embedded SQLite database, in WAL mode through a GRDB
/// `DatabasePool`: one writer and several concurrent readers in one process.
///
/// Open it, then call `migrate()` before first use:
///
/// ```swift
/// let store = try SQLiteStore(configuration: .init(path: "vigil-data/vigil.sqlite"), sealer: SHA256AuditSealer())
/// _ = try await store.migrate()
/// ```
public final class SQLiteStore: Store {
    /// Readings in `readings`.
    public let readings: any ReadingStore
    /// Patients in `patients` and their care teams in `care_team`.
    public let patients: any PatientStore
    /// Devices in `devices`.
    public let devices: any DeviceStore
    /// Users in `users`.
    public let users: any UserStore
    /// API tokens in `api_tokens`.
    public let tokens: any TokenStore
    /// TOTP second factors in `user_totp`.
    public let totp: any TOTPStore
    /// The hash-chained audit log in `audit_log` and `audit_head`.
    public let audit: any AuditStore
    /// Sealed device keys in `device_keys`.
    public let deviceKeys: any DeviceKeyStore
    /// Group commits into `readings` and `quarantine`, deduplicated through `device_messages`.
    public let ingest: any IngestStore
    /// Refused messages and readings in `quarantine`.
    public let quarantine: any QuarantineStore
    /// Device twins in `device_twins`.
    public let twins: any DeviceTwinStore
    /// Cloud-to-device messages in `cloud_messages`.
    public let cloudMessages: any CloudMessageStore
    /// Persistent MQTT sessions in `device_sessions`.
    public let sessions: any DeviceSessionStore
    /// Alerts in `alerts`.
    public let alerts: any AlertStore
    /// Each patient's rules in `patient_rules`.
    public let rules: any RuleStore
    /// Webhook endpoints in `webhook_endpoints`.
    public let webhooks: any WebhookStore
    /// The outbox in `outbox_events` and `webhook_deliveries`.
    public let outbox: any OutboxStore

    /// The pool every part of the store shares.
    let pool: DatabasePool
    /// Checkpoints the write-ahead log beside the writer; nil when configured off.
    private let checkpointer: SQLiteCheckpointer?

    /// Opens (creating if needed) the database file. It does not migrate the schema.
    ///
    /// - Parameters:
    ///   - configuration: where the file is and how durable commits are.
    ///   - sealer: seals audit records as they are appended.
    /// - Throws: `StoreError.unavailable` if the file cannot be opened.
    public init(configuration: Configuration, sealer: any AuditSealer) throws {
        let pool = try SQLiteErrors.translating(entity: "database") {
            let pool = try DatabasePool(path: configuration.path, configuration: configuration.grdbConfiguration)
            // GRDB switches the writer to `synchronous = NORMAL` when it enables WAL,
            // after `prepareDatabase` ran, so the settings are applied again here.
            try pool.writeWithoutTransaction { db in try db.execute(sql: configuration.pragmas) }
            return pool
        }
        self.pool = pool
        checkpointer = try configuration.checkpointInterval.map { interval in
            try SQLiteErrors.translating(entity: "database") {
                try SQLiteCheckpointer(configuration: configuration, interval: interval)
            }
        }
        readings = SQLiteReadingStore(pool: pool)
        patients = SQLitePatientStore(pool: pool)
        devices = SQLiteDeviceStore(pool: pool)
        users = SQLiteUserStore(pool: pool)
        tokens = SQLiteTokenStore(pool: pool)
        totp = SQLiteTOTPStore(pool: pool)
        audit = SQLiteAuditStore(pool: pool, sealer: sealer)
        deviceKeys = SQLiteDeviceKeyStore(pool: pool)
        ingest = SQLiteIngestStore(pool: pool)
        quarantine = SQLiteQuarantineStore(pool: pool)
        twins = SQLiteDeviceTwinStore(pool: pool)
        cloudMessages = SQLiteCloudMessageStore(pool: pool)
        sessions = SQLiteDeviceSessionStore(pool: pool)
        alerts = SQLiteAlertStore(pool: pool)
        rules = SQLiteRuleStore(pool: pool)
        webhooks = SQLiteWebhookStore(pool: pool)
        outbox = SQLiteOutboxStore(pool: pool)
    }

    /// Applies the migrations in `SQLiteMigrations` that the database lacks.
    ///
    /// - Returns: the names of the migrations applied by this call, in order.
    /// - Throws: `StoreError.schemaTooNew` if the database was migrated by a newer build.
    /// The snapshot in one read transaction (four queries, one connection).
    public func snapshot(of id: PatientID) async throws -> PatientSnapshot? {
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.read { db in
                guard let patient = try SQLitePatientStore.patient(id, in: db) else { return nil }
                return PatientSnapshot(
                    patient: patient, storedRules: try SQLiteRuleStore.rules(of: id, in: db),
                    latest: try SQLiteReadingStore.newest(1, of: VitalType.allCases, for: [id], in: db),
                    activeAlerts: try SQLiteAlertStore.activeAlerts(of: id, in: db))
            }
        }
    }

    public func migrate() async throws -> [String] {
        let migrator = SQLiteMigrations.migrator
        return try await SQLiteErrors.translating(entity: "schema") {
            let applied = try await pool.read { db in try migrator.appliedIdentifiers(db) }
            guard applied.isSubset(of: migrator.migrations) else {
                throw StoreError(.schemaTooNew, entity: "schema")
            }
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                migrator.asyncMigrate(pool) { result in continuation.resume(with: result.map { _ in () }) }
            }
            return migrator.migrations.filter { !applied.contains($0) }
        }
    }

    /// Throws unless the database answers `SELECT 1`.
    public func checkHealth() async throws {
        try await SQLiteErrors.translating(entity: "database") {
            try await pool.read { db in try db.execute(sql: "SELECT 1") }
        }
    }

    /// Closes every connection; the store must not be used afterwards.
    public func close() async throws {
        await checkpointer?.stop()
        try SQLiteErrors.translating(entity: "database") { try pool.close() }
    }
}
