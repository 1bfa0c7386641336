import Foundation
import PostgresNIO
import VigilStore

/// One schema change: statements run together in one transaction.
struct PostgresMigration: Sendable {
    /// The unique name recorded in `schema_migrations`.
    let name: String
    /// The DDL statements, run in order.
    let statements: [String]
}

/// The versioned schema of the PostgreSQL store.
///
/// Applied migrations are recorded by name in `schema_migrations`. Each one runs
/// in its own transaction under a transaction-scoped advisory lock, so when
/// several nodes start at once one applies it and the others see it applied.
/// Append new migrations to ``all``; never edit one that has shipped.
enum PostgresMigrations {
    /// The advisory lock key that serializes migrations ("VigilMIG").
    static let lockKey: Int64 = 0x5669_6769_6C4D_4947

    /// Every migration, oldest first.
    static let all: [PostgresMigration] = [
        v1Initial, v2DevicesIngest, v3TwinsMessages, v4Alerts, v5Webhooks, v6WebhookAttempts, v7OperationalAlerts,
        v8CoveringReadingIndex, v9TOTP,
    ]

    /// Applies the migrations the database lacks and returns their names.
    static func apply(on database: PostgresDatabase) async throws -> [String] {
        let known = Set(all.map(\.name))
        let applied = try await database.transaction(entity: "schema") { transaction in
            try await transaction.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await transaction.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
            return try await appliedNames(in: transaction)
        }
        guard applied.isSubset(of: known) else { throw StoreError(.schemaTooNew, entity: "schema") }

        var appliedNow: [String] = []
        for migration in all where !applied.contains(migration.name) {
            let didApply = try await database.transaction(entity: "schema") { transaction in
                try await transaction.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
                // Another node may have applied it while this one waited for the lock.
                guard try await !appliedNames(in: transaction).contains(migration.name) else { return false }
                for statement in migration.statements {
                    try await transaction.execute(PostgresQuery(unsafeSQL: statement))
                }
                let now = Date().millisecondsSince1970
                try await transaction.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), \(now))")
                return true
            }
            if didApply { appliedNow.append(migration.name) }
        }
        return appliedNow
    }

    private static func appliedNames(in transaction: PostgresTransaction) async throws -> Set<String> {
        let rows = try await transaction.query("SELECT name FROM schema_migrations")
        return Set(try rows.map { try $0.decode(String.self) })
    }

    /// The first schema: patients, users, care teams, devices, readings, tokens and the audit log.
    static let v1Initial = PostgresMigration(
        name: "v1_initial",
        statements: [
            """
            CREATE TABLE patients (
                id TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                birth_date TEXT,
                mrn TEXT,
                news2_scale INTEGER NOT NULL,
                conditions TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                patient_id TEXT REFERENCES patients (id),
                password_hash TEXT NOT NULL,
                is_disabled BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE care_team (
                patient_id TEXT NOT NULL REFERENCES patients (id),
                clinician_id TEXT NOT NULL REFERENCES users (id),
                PRIMARY KEY (patient_id, clinician_id)
            )
            """,
            "CREATE INDEX care_team_clinician ON care_team (clinician_id)",
            """
            CREATE TABLE devices (
                id TEXT PRIMARY KEY,
                patient_id TEXT NOT NULL REFERENCES patients (id),
                is_disabled BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX devices_patient ON devices (patient_id, id)",
            // No foreign keys: readings are the hot write path, and the gateway
            // resolves the device (and so its patient) before a reading exists.
            """
            CREATE TABLE readings (
                id BIGSERIAL PRIMARY KEY,
                patient_id TEXT NOT NULL,
                device_id TEXT,
                type TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                original_value TEXT NOT NULL,
                original_unit TEXT,
                measured_at BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                message_id TEXT
            )
            """,
            "CREATE INDEX readings_patient_type_time ON readings (patient_id, type, measured_at)",
            """
            CREATE TABLE api_tokens (
                hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX api_tokens_expires ON api_tokens (expires_at)",
            // No foreign keys (the log records attempts on records that may not
            // exist) and no triggers forbidding UPDATE or DELETE: the hash chain
            // and audit_head make tampering detectable, which is what is promised.
            """
            CREATE TABLE audit_log (
                sequence BIGINT PRIMARY KEY,
                time BIGINT NOT NULL,
                user_id TEXT,
                username TEXT,
                role TEXT,
                action TEXT NOT NULL,
                patient_id TEXT,
                outcome TEXT NOT NULL,
                source_address TEXT,
                detail TEXT,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_patient ON audit_log (patient_id, sequence)",
            // One row, written with every append; created by the first append
            // because the genesis hash comes from the sealer.
            """
            CREATE TABLE audit_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                sequence BIGINT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
        ]
    )
}
