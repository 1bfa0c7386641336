import Logging
import PostgresNIO
import VigilStore

/// The Vigil database on a PostgreSQL server, shared by any number of Vigil nodes.
///
/// The store owns a postgres-nio connection pool (`PostgresClient`). The pool
/// only works while its `run()` method runs, so the store starts it in a task
/// of its own when it is created and cancels that task in ``close()``; call
/// `close()` before dropping the store, or the pool's connections stay open.
///
/// Call ``migrate()`` once at start-up before anything else; it is safe when
/// several nodes start together.
public final class PostgresStore: Store {
    /// Readings in `readings`, inserted in bulk with `COPY`.
    public let readings: any ReadingStore
    /// Patients and care teams in `patients` and `care_team`.
    public let patients: any PatientStore
    /// Devices in `devices`.
    public let devices: any DeviceStore
    /// Users in `users`.
    public let users: any UserStore
    /// API tokens in `api_tokens`, by the hash of their secret.
    public let tokens: any TokenStore
    /// TOTP second factors in `user_totp`.
    public let totp: any TOTPStore
    /// The hash-chained audit log in `audit_log`, with its end in `audit_head`.
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

    /// Where the store connects to.
    public let configuration: Configuration

    private let database: PostgresDatabase
    private let runTask: Task<Void, Never>

    /// Creates the store and starts its connection pool; no connection is made
    /// until the first request.
    ///
    /// - Parameters:
    ///   - configuration: the server and pool settings.
    ///   - sealer: chains audit records (see `AuditStore.append`).
    ///   - logger: receives failures as SQLSTATE codes and record kinds, never values.
    public init(configuration: Configuration, sealer: any AuditSealer, logger: Logger) {
        let driverLogger = Self.driverLogger(from: logger)
        let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: driverLogger)
        let database = PostgresDatabase(client: client, logger: logger, driverLogger: driverLogger)
        self.configuration = configuration
        self.database = database
        self.runTask = Task { await client.run() }
        readings = PostgresReadingStore(database: database)
        patients = PostgresPatientStore(database: database)
        devices = PostgresDeviceStore(database: database)
        users = PostgresUserStore(database: database)
        tokens = PostgresTokenStore(database: database)
        totp = PostgresTOTPStore(database: database)
        audit = PostgresAuditStore(database: database, sealer: sealer)
        deviceKeys = PostgresDeviceKeyStore(database: database)
        ingest = PostgresIngestStore(database: database)
        quarantine = PostgresQuarantineStore(database: database)
        twins = PostgresDeviceTwinStore(database: database)
        cloudMessages = PostgresCloudMessageStore(database: database)
        sessions = PostgresDeviceSessionStore(database: database)
        alerts = PostgresAlertStore(database: database)
        rules = PostgresRuleStore(database: database)
        webhooks = PostgresWebhookStore(database: database)
        outbox = PostgresOutboxStore(database: database)
    }

    /// The logger postgres-nio gets: never below `debug`, because at `trace` it
    /// logs protocol messages, rows included; and only `error` unless debugging,
    /// because the pool warns whenever a request beats the run task to a thread
    /// (the request simply waits). The store logs every failure itself.
    private static func driverLogger(from logger: Logger) -> Logger {
        var driverLogger = logger
        driverLogger.logLevel = logger.logLevel <= .debug ? .debug : .error
        return driverLogger
    }

    /// Applies the migrations in ``PostgresMigrations`` that the database lacks.
    ///
    /// - Returns: the names of the migrations applied by this call, in order.
    /// - Throws: `StoreError.schemaTooNew` if the database has migrations this build does not know.
    public func migrate() async throws -> [String] {
        try await PostgresMigrations.apply(on: database)
    }

    /// Throws `StoreError.unavailable` unless the server answers `SELECT 1`
    /// within ``Configuration/healthCheckTimeout``.
    ///
    /// Without the time limit a check would wait as long as the pool keeps
    /// retrying an unreachable server (up to a minute).
    public func checkHealth() async throws {
        let database = self.database
        let timeout = configuration.healthCheckTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.query("SELECT 1", entity: "database") }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw StoreError(.unavailable, entity: "database")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Closes the connection pool by cancelling the task that runs it, and waits
    /// for it to finish. Requests made afterwards fail with `StoreError.unavailable`.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }
}
