import Foundation
import VigilCore
import VigilStore

extension Fixtures {
    /// Bytes that are not UTF-8 (a lone 0xFF, a truncated sequence, a NUL):
    /// a payload must come back byte for byte.
    static let binaryPayload = Data([0x7B, 0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28, 0x22, 0x7D])

    /// A pending quarantine item with every field set.
    static func quarantineItem(
        device: DeviceID?, patient: PatientID?, reason: String = "implausible_value", at time: Date = base,
        payload: Data = binaryPayload, messageID: String? = "message-q"
    ) -> QuarantineItem {
        QuarantineItem(
            deviceID: device, patientID: patient, messageID: messageID, receivedAt: time, reason: reason,
            vitalType: .heartRate, payload: payload, contentType: "application/json")
    }

    /// A device message received at `time` with `count` heart rates measured just before it.
    static func message(
        _ patient: PatientID, _ device: DeviceID, id: String?, readings count: Int = 2, at time: Date = base,
        quarantined: [QuarantineItem] = [], replayOf: Int64? = nil
    ) -> IngestMessage {
        let readings = (0..<count).map { index in
            Reading(
                patientID: patient, deviceID: device, type: .heartRate, value: Double(60 + index),
                measuredAt: Date(millisecondsSince1970: time.millisecondsSince1970 - Int64(index + 1) * 1000),
                receivedAt: time, messageID: id)
        }
        return IngestMessage(
            deviceID: device, messageID: id, receivedAt: time, readings: readings, quarantined: quarantined,
            replayOf: replayOf)
    }

    /// A reading no backend can store: SQLite keeps NaN as NULL (refused by
    /// `value NOT NULL`) and PostgreSQL refuses a NUL character in text.
    static func poisonedReading(_ patient: PatientID, _ device: DeviceID) -> Reading {
        Reading(
            patientID: patient, deviceID: device, type: .spo2, value: .nan, originalValue: "not\u{0}a number",
            measuredAt: base, receivedAt: base)
    }
}
