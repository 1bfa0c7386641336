// Inserts batches of readings into an SQLite store forever, printing
// `committed <n>` after each batch's transaction returns. The crash-safety
// test kills it with SIGKILL and checks that every announced batch survived
// whole and no batch survived in part.
//
// Usage: vigil-crash-harness <database path> <batch size>
import Foundation
import VigilCore
import VigilSQLite
import VigilSecurity

let arguments = CommandLine.arguments
guard arguments.count == 3, let batchSize = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: vigil-crash-harness <database path> <batch size>\n".utf8))
    exit(2)
}
let store = try SQLiteStore(configuration: .init(path: arguments[1]), sealer: SHA256AuditSealer())
_ = try await store.migrate()
let patient = PatientID("crash-patient")
var batch = Int(Date().timeIntervalSince1970 * 1000)
while true {
    let messageID = "batch-\(batch)"
    let now = Date()
    let readings = (0..<batchSize).map { index in
        Reading(
            patientID: patient, deviceID: DeviceID("crash-device"), type: .heartRate, value: Double(60 + index % 40),
            measuredAt: now.addingTimeInterval(Double(index) / 1000), receivedAt: now, messageID: messageID)
    }
    try await store.readings.insert(readings)
    FileHandle.standardOutput.write(Data("committed \(messageID)\n".utf8))
    batch += 1
}
