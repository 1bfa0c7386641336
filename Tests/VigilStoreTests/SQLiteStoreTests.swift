import Foundation
import GRDB
import Testing
import VigilCore
import VigilSecurity
import VigilStore

@testable import VigilSQLite

/// Behaviour particular to the SQLite store: schema versions, durability
/// settings, query plans, and tampering with the file behind its back.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
    @Test
    func firstMigrationIsNamedAndAppliedOnce() async throws {
        try await withSQLiteStore(migrated: false) { store, _ in
            let first = try await store.migrate()
            let second = try await store.migrate()
            #expect(first == [
                    "v1_initial", "v2_devices_ingest", "v3_twins_messages", "v4_alerts", "v5_webhooks",
                    "v6_webhook_attempts", "v7_operational_alerts", "v8_covering_reading_index",
                    "v9_totp", "v10_delivery_indexes",
                ])
            #expect(second == [])
        }
    }

    /// With the writer's automatic checkpoint off, only the background
    /// checkpointer moves committed pages from the log into the database file;
    /// without it the file keeps its size.
    @Test(arguments: [true, false])
    func backgroundCheckpointerCopiesTheLogIntoTheDatabaseFile(checkpointing: Bool) async throws {
        try await withSQLiteStore(configure: { configuration in
            configuration.walAutocheckpointPages = 0
            configuration.checkpointInterval = checkpointing ? .milliseconds(20) : nil
        }) { store, path in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            _ = try await store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            let before = try fileSize(path)
            let readings = (0..<5_000).map { minute in
                Fixtures.reading(
                    patient, .heartRate, Double(60 + minute % 40), at: Fixtures.base.addingTimeInterval(Double(minute) * 60),
                    device: device)
            }
            try await store.readings.insert(readings)
            let deadline = ContinuousClock.now + .seconds(5)
            while try fileSize(path) <= before, checkpointing, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            if !checkpointing { try await Task.sleep(for: .milliseconds(200)) }
            #expect((try fileSize(path) > before) == checkpointing)
        }
    }

    private func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    @Test
    func migrateRefusesADatabaseFromANewerBuild() async throws {
        try await withSQLiteStore { store, path in
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999_from_the_future')")
            }
            try queue.close()

            await #expect(throws: StoreError(.schemaTooNew, entity: "schema")) { try await store.migrate() }
        }
    }

    @Test(arguments: [
        (SQLiteStore.Configuration.Synchronous.full, 2), (.normal, 1), (.off, 0),
    ])
    func writerUsesTheConfiguredSynchronousLevelInWALMode(
        synchronous: SQLiteStore.Configuration.Synchronous, pragmaValue: Int
    ) async throws {
        try await withSQLiteStore(synchronous: synchronous) { store, _ in
            let (level, journalMode, foreignKeys, checkpointPages) = try await store.pool.write { db in
                (
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                    try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
                )
            }
            #expect(level == pragmaValue)
            #expect(journalMode == "wal")
            #expect(foreignKeys == true)
            #expect(checkpointPages == 10_000)
        }
    }

    /// The relay's bookkeeping commits without a flush, and the writer goes back
    /// to the configured level, so ingest that follows is flushed as before.
    @Test(arguments: [
        (SQLiteStore.Configuration.Synchronous.full, 1, 2), (.normal, 1, 1), (.off, 0, 0),
    ])
    func unflushedWriteRelaxesOnlyItsOwnCommit(
        synchronous: SQLiteStore.Configuration.Synchronous, inside: Int, after: Int
    ) async throws {
        try await withSQLiteStore(synchronous: synchronous) { store, _ in
            let during = try await store.pool.writeUnflushed { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            let restored = try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(during == inside)
            #expect(restored == after)
            await #expect(throws: DatabaseError.self) {
                try await store.pool.writeUnflushed { db in try db.execute(sql: "SELECT * FROM no_such_table") }
            }
            let afterFailure = try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(afterFailure == after)
        }
    }

    @Test
    func configurationDefaultsToFullSynchronousCommits() {
        let configuration = SQLiteStore.Configuration(path: "vigil.sqlite")
        #expect(configuration.synchronous == .full)
        #expect(configuration.busyTimeout == .seconds(5))
        #expect(configuration.walAutocheckpointPages == 10_000)
    }

    /// The reading queries whose plans must use the index.
    enum ReadingSQL: String, CaseIterable, CustomTestStringConvertible {
        case oneType, everyType, newest, buckets

        var testDescription: String { rawValue }

        var sql: String {
            switch self {
            case .oneType: SQLiteReadingStore.oneTypeSQL
            case .everyType: SQLiteReadingStore.allTypesSQL
            case .newest: SQLiteReadingStore.newestSQL
            case .buckets: SQLiteReadingStore.bucketsSQL
            }
        }

        /// Whether the plan may use a temporary B-tree: `everyType` sorts at most
        /// `limit` rows per type to merge them, `buckets` one row per bucket,
        /// `newest` the rows it returns.
        var maySort: Bool { self != .oneType }
    }

    @Test(arguments: ReadingSQL.allCases)
    func readingQueriesSearchTheIndex(query: ReadingSQL) async throws {
        try await withSQLiteStore { store, _ in
            let plan = try await store.pool.read { db in
                // Every name any of the queries uses; each ignores the ones it lacks.
                let arguments: StatementArguments = [
                    "patient": "p-1", "type": "heartRate", "from": 0, "to": 1, "limit": 10, "count": 2, "width": 3_600_000,
                    "patients": #"["p-1","p-2"]"#, "types": #"["heartRate"]"#,
                ]
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: arguments)
                    .map { try $0.decode(String.self, forColumn: "detail") }
            }
            // `newest` fetches each row it found in the index by its id.
            let searches = plan.filter { $0.hasPrefix("SEARCH") && !$0.contains("INTEGER PRIMARY KEY (rowid=?)") }
            #expect(!searches.isEmpty, "\(plan)")
            #expect(searches.allSatisfy { $0.contains("INDEX readings_patient_type_time") }, "\(plan)")
            if query == .buckets {
                // The value is in the index: no table lookup per reading.
                #expect(searches.allSatisfy { $0.contains("USING COVERING INDEX") }, "\(plan)")
            }
            #expect(!plan.contains { $0.hasPrefix("SCAN readings") }, "\(plan)")
            if !query.maySort {
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            }
        }
    }

    /// How a test tampers with the audit log file, and the record the verifier must name.
    enum Tampering: String, CaseIterable, CustomTestStringConvertible {
        case editDetailOfThird
        case deleteThird
        case deleteLast

        var testDescription: String { rawValue }

        var sql: String {
            switch self {
            case .editDetailOfThird: "UPDATE audit_log SET detail = 'nothing to see' WHERE sequence = 3"
            case .deleteThird: "DELETE FROM audit_log WHERE sequence = 3"
            case .deleteLast: "DELETE FROM audit_log WHERE sequence = 5"
            }
        }

        var brokenSequence: Int64 {
            switch self {
            case .editDetailOfThird, .deleteThird: 3
            case .deleteLast: 5
            }
        }
    }

    @Test(arguments: Tampering.allCases)
    func verifierNamesTheRecordTamperedWithInTheFile(tampering: Tampering) async throws {
        try await withSQLiteStore { store, path in
            for index in 0..<5 {
                try await store.audit.append(
                    AuditEntry(
                        time: Fixtures.minutes(Int64(index)), username: "admin", role: .admin, action: "patient.read",
                        patientID: PatientID("p-1"), outcome: .success, detail: "record \(index)"))
            }
            let verifier = AuditVerifier(store: store.audit, sealer: SHA256AuditSealer())
            #expect(try await verifier.verify() == .intact(count: 5))

            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: tampering.sql)
                #expect(db.changesCount == 1)
            }
            try queue.close()

            let verdict = try await verifier.verify()
            guard case .broken(let sequence, _) = verdict else {
                Issue.record("tampering went undetected: \(verdict)")
                return
            }
            #expect(sequence == tampering.brokenSequence)
        }
    }
}
