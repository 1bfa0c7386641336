// TEMPORARY: compares insert methods; removed before hand-off.
import Foundation
import Testing
import VigilCore
@testable import VigilPostgres
import PostgresNIO
import VigilStore

@Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_PG_INSERT_BENCH"] != nil))
func postgresInsertThroughput() async throws {
    let env = ProcessInfo.processInfo.environment
    let total = Int(env["VIGIL_PG_INSERT_BENCH"]!)!
    let url = env["VIGIL_TEST_POSTGRES_URL"]!
    try await PostgresTestDatabase.withDatabase(url: url) { configuration in
        let store = PostgresTestDatabase.makeStore(configuration)
        _ = try await store.migrate()
        let patients = (0..<100).map { _ in PatientID.random() }
        let devices = (0..<100).map { _ in DeviceID.random() }
        let base: Int64 = 1_790_000_000_000
        func reading(_ i: Int) -> Reading {
            Reading(
                patientID: patients[i % 100], deviceID: devices[i % 100], type: i % 2 == 0 ? .heartRate : .spo2,
                value: Double(60 + i % 40), originalUnit: i % 2 == 0 ? "/min" : "%",
                measuredAt: Date(millisecondsSince1970: base + Int64(i) * 1000),
                receivedAt: Date(millisecondsSince1970: base + Int64(i) * 1000 + 50), messageID: "msg-\(i / 3)")
        }
        // Same rows as COPY text for psql.
        var text = ""
        for i in 0..<total {
            let r = reading(i)
            text += "\(r.patientID)\t\(r.deviceID!)\t\(r.type.rawValue)\t\(r.value)\t\(r.originalValue)\t\(r.originalUnit!)\t\(r.measuredAt.millisecondsSince1970)\t\(r.receivedAt.millisecondsSince1970)\t\(r.messageID!)\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("readings-\(UUID()).tsv")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let clock = ContinuousClock()
        var batches: [[Reading]] = []
        let buildTime = clock.measure {
            var i = 0
            while i < total {
                batches.append((i..<min(i + 1000, total)).map(reading))
                i += 1000
            }
        }
        print("BENCH build=\(buildTime)")
        let encodeTime = clock.measure {
            for readings in batches {
                let patientIDs = readings.map(\.patientID.rawValue)
                let deviceIDs = PostgresTextArray(elements: readings.map { $0.deviceID?.rawValue })
                let types = readings.map(\.type.rawValue)
                let values = readings.map(\.value)
                let originalValues = readings.map(\.originalValue)
                let originalUnits = PostgresTextArray(elements: readings.map(\.originalUnit))
                let measuredAt = readings.map(\.measuredAt.millisecondsSince1970)
                let receivedAt = readings.map(\.receivedAt.millisecondsSince1970)
                let messageIDs = PostgresTextArray(elements: readings.map(\.messageID))
                let q: PostgresQuery = """
                    SELECT * FROM unnest(\(patientIDs)::text[], \(deviceIDs)::text[], \(types)::text[],
                        \(values)::float8[], \(originalValues)::text[], \(originalUnits)::text[], \(measuredAt)::int8[],
                        \(receivedAt)::int8[], \(messageIDs)::text[])
                    """
                _ = q.binds.count
            }
        }
        print("BENCH encode=\(encodeTime)")
        let storeTime = try await clock.measure {
            for batch in batches {
                try await store.readings.insert(batch)
            }
        }
        try await PostgresTestDatabase.execute("TRUNCATE readings", on: configuration)
        try await PostgresTestDatabase.execute("CHECKPOINT", on: configuration)
        let psqlURL = "postgres://\(configuration.username)@\(configuration.host):\(configuration.port)/\(configuration.database)"
        let copyTime = try clock.measure {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = [
                psqlURL, "-q", "-c",
                "\\copy readings (patient_id, device_id, type, value, original_value, original_unit, measured_at, received_at, message_id) FROM '\(file.path)'",
            ]
            try process.run()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: file)
        let storeRate = Double(total) / (Double(storeTime.components.seconds) + Double(storeTime.components.attoseconds) / 1e18)
        let copyRate = Double(total) / (Double(copyTime.components.seconds) + Double(copyTime.components.attoseconds) / 1e18)
        print("BENCH method=\(env["VIGIL_PG_COPY"] == "1" ? "copy" : "unnest") rows=\(total) store=\(storeTime) (\(Int(storeRate))/s) psqlCOPY=\(copyTime) (\(Int(copyRate))/s) ratio=\(storeRate / copyRate)")
        try await store.close()
    }
}
