import Foundation
import PostgresNIO
import Testing
import VigilCore
import VigilPostgres
import VigilSecurity
import VigilStore

/// What only the PostgreSQL store does: URLs, migrations shared by several
/// nodes, the audit chain across nodes, and mapping server failures.
@Suite("PostgresStore")
struct PostgresStoreTests {
    static let url = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"]

    // MARK: Configuration

    @Test func parsesURLWithEveryPart() throws {
        let configuration = try PostgresStore.Configuration(
            url: "postgresql://vigil:s%40cret@db.example:6543/vigil_prod?sslmode=require&pool_max=3&connect_timeout=4")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "vigil")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "vigil_prod")
        #expect(configuration.tlsMode == .require)
        #expect(configuration.maximumConnections == 3)
        #expect(configuration.connectTimeout == .seconds(4))
    }

    @Test func fillsDefaultsLikeLibpq() throws {
        let configuration = try PostgresStore.Configuration(url: "postgres://alice@127.0.0.1")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.database == "alice")
        #expect(configuration.tlsMode == .prefer)
        #expect(configuration.maximumConnections == 8)
    }

    @Test(arguments: [
        "mysql://u@h/db", "postgres:///db", "postgres://u@h/db?sslmode=sometimes", "postgres://u@h/db?colour=blue",
        "postgres://u@h/a/b",
    ])
    func refusesUnusableURL(_ url: String) {
        #expect(throws: PostgresURLError.self) { try PostgresStore.Configuration(url: url) }
    }

    @Test func neverShowsThePassword() throws {
        let configuration = try PostgresStore.Configuration(url: "postgres://u:hunter2@h/db")
        #expect(!configuration.description.contains("hunter2"))
        #expect(!String(describing: PostgresURLError("x")).contains("hunter2"))
        do {
            _ = try PostgresStore.Configuration(url: "postgres://u:hunter2@h/db?bad=1")
        } catch {
            #expect(!String(describing: error).contains("hunter2"))
        }
    }

    // MARK: Migrations

    @Test(.enabled(if: url != nil)) func secondMigrationAppliesNothing() async throws {
        try await PostgresTestDatabase.withDatabase(url: Self.url!) { configuration in
            let store = PostgresTestDatabase.makeStore(configuration)
            #expect(try await store.migrate() == [
                    "v1_initial", "v2_devices_ingest", "v3_twins_messages", "v4_alerts", "v5_webhooks",
                    "v6_webhook_attempts", "v7_operational_alerts", "v8_covering_reading_index",
                    "v9_totp",
                ])
            #expect(try await store.migrate() == [])
            try await store.checkHealth()
            try await store.close()
        }
    }

    @Test(.enabled(if: url != nil)) func nodesStartingTogetherMigrateOnce() async throws {
        try await PostgresTestDatabase.withDatabase(url: Self.url!) { configuration in
            let stores = (0..<4).map { _ in PostgresTestDatabase.makeStore(configuration) }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            for store in stores { try await store.close() }
            // Each migration was applied by exactly one node, though not
            // necessarily all by the same one.
            let recorded = try await PostgresTestDatabase.execute(
                "SELECT name FROM schema_migrations ORDER BY name", on: configuration
            ).map { try $0.decode(String.self) }
            #expect(applied.sorted() == recorded)
            #expect(recorded.first == "v1_initial")
        }
    }

    @Test(.enabled(if: url != nil)) func refusesSchemaNewerThanThisBuild() async throws {
        try await PostgresTestDatabase.withDatabase(url: Self.url!) { configuration in
            let store = PostgresTestDatabase.makeStore(configuration)
            _ = try await store.migrate()
            try await PostgresTestDatabase.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES ('v999_from_the_future', 0)",
                on: configuration)
            await #expect(throws: StoreError(.schemaTooNew, entity: "schema")) { try await store.migrate() }
            try await store.close()
        }
    }

    // MARK: Readings

    @Test(.enabled(if: url != nil)) func storesReadingsExactly() async throws {
        try await withPostgresTestStore(url: Self.url!) { store in
            let patient = PatientID.random()
            let base = Date(millisecondsSince1970: 1_790_000_000_123)
            let readings = [
                Reading(
                    patientID: patient, deviceID: DeviceID("cuff\t1\\x"), type: .heartRate, value: 72,
                    originalValue: "72\nbpm\r", originalUnit: "{beats}/min", measuredAt: base,
                    receivedAt: base.addingTimeInterval(1), messageID: "m\u{e9}ssage-1"),
                Reading(
                    patientID: patient, deviceID: nil, type: .bodyTemperature, value: 37.277777777777779,
                    originalValue: "99.1", originalUnit: "[degF]", measuredAt: base.addingTimeInterval(60),
                    receivedAt: base.addingTimeInterval(61)),
                Reading(
                    patientID: patient, deviceID: nil, type: .heartRate, value: 80,
                    measuredAt: base.addingTimeInterval(120),
                    receivedAt: base.addingTimeInterval(121)),
                Reading(
                    patientID: .random(), deviceID: nil, type: .heartRate, value: 90, measuredAt: base,
                    receivedAt: base),
            ]
            try await store.readings.insert(readings)
            try await store.readings.insert([])

            let all = try await store.readings.readings(of: patient, matching: ReadingQuery())
            #expect(all == [readings[2], readings[1], readings[0]])
            let heartRates = try await store.readings.readings(
                of: patient, matching: ReadingQuery(type: .heartRate, from: base, to: base.addingTimeInterval(120)))
            #expect(heartRates == [readings[0]])
            let newest = try await store.readings.readings(of: patient, matching: ReadingQuery(limit: 1))
            #expect(newest == [readings[2]])

            let latest = try await store.readings.latest(of: patient)
            #expect(Set(latest) == [readings[1], readings[2]])

            let buckets = try await store.readings.buckets(
                of: patient, type: .heartRate, from: base.addingTimeInterval(-3600),
                to: base.addingTimeInterval(3600), width: BucketWidth("1h")!)
            #expect(buckets.count == 1)
            #expect(buckets.first?.count == 2)
            #expect(buckets.first?.min == 72)
            #expect(buckets.first?.max == 80)
            #expect(buckets.first?.avg == 76)
            #expect(buckets.first?.start.millisecondsSince1970 == (base.millisecondsSince1970 / 3_600_000) * 3_600_000)
        }
    }

    // MARK: Errors

    @Test(.enabled(if: url != nil)) func mapsConstraintFailures() async throws {
        try await withPostgresTestStore(url: Self.url!) { store in
            let user = User(username: "alice", displayName: "Alice", role: .clinician, passwordHash: "x")
            try await store.users.create(user)
            await #expect(throws: StoreError(.conflict, entity: "user")) {
                try await store.users.create(
                    User(username: "alice", displayName: "Other", role: .admin, passwordHash: "y"))
            }
            await #expect(throws: StoreError(.notFound, entity: "user")) {
                try await store.users.update(User(username: "bob", displayName: "Bob", role: .admin, passwordHash: "y"))
            }
            await #expect(throws: StoreError(.notFound, entity: "patient")) {
                try await store.devices.create(Device(id: DeviceID("d1"), patientID: .random()))
            }
            #expect(try await store.users.count() == 1)
        }
    }

    @Test func unreachableServerIsUnavailable() async throws {
        var configuration = try PostgresStore.Configuration(
            url: "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable")
        configuration.healthCheckTimeout = .seconds(1)
        let store = PostgresTestDatabase.makeStore(configuration)
        await #expect(throws: StoreError(.unavailable, entity: "database")) { try await store.checkHealth() }
        try await store.close()
    }

    // MARK: Audit

    @Test(.enabled(if: url != nil)) func appendsFromSeveralNodesFormOneChain() async throws {
        try await PostgresTestDatabase.withDatabase(url: Self.url!) { configuration in
            let nodes = (0..<3).map { _ in PostgresTestDatabase.makeStore(configuration) }
            _ = try await nodes[0].migrate()
            #expect(try await nodes[0].audit.head() == nil)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, node) in nodes.enumerated() {
                    for number in 0..<20 {
                        group.addTask {
                            try await node.audit.append(
                                AuditEntry(
                                    action: "test.append", outcome: .success, detail: "node \(index) #\(number)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let verdict = try await AuditVerifier(store: nodes[1].audit).verify()
            #expect(verdict == .intact(count: 60))
            #expect(try await nodes[2].audit.head()?.sequence == 60)

            try await PostgresTestDatabase.execute(
                "UPDATE audit_log SET detail = 'edited' WHERE sequence = 7", on: configuration)
            let tampered = try await AuditVerifier(store: nodes[0].audit).verify()
            #expect(tampered == .broken(atSequence: 7, reason: "content does not match its hash"))
            for node in nodes { try await node.close() }
        }
    }
}
