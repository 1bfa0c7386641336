import Foundation
import VigilCore
import VigilStore

/// The webhook events a device message causes: `device.quarantine` when
/// anything it sent was refused, `reading.created` (opt-in) for what was stored.
///
/// Payloads follow the Standard Webhooks shape `{"type", "timestamp", "data"}`
/// and carry identifiers, codes, values and times only.
enum DeviceWebhookEvents {
    /// `device.quarantine`: which device and patient, the message id, and each refusal's reason and vital type.
    static func quarantine(
        deviceID: DeviceID, patientID: PatientID?, messageID: String?, refusals: [(reason: String, type: VitalType?)],
        receivedAt: Date
    ) -> OutboxEvent {
        let items: [[String: Any]] = refusals.map { refusal in
            var item: [String: Any] = ["reason": refusal.reason]
            if let type = refusal.type { item["vitalType"] = type.rawValue }
            return item
        }
        var data: [String: Any] = [
            "deviceId": deviceID.rawValue, "receivedAt": timestamp(receivedAt), "items": items,
            "links": ["quarantine": "/api/v1/quarantine"],
        ]
        if let patientID { data["patientId"] = patientID.rawValue }
        if let messageID { data["messageId"] = messageID }
        return event("device.quarantine", patientID: patientID, at: receivedAt, data: data)
    }

    /// `reading.created`: the readings of one stored message, in canonical units.
    static func readingsCreated(deviceID: DeviceID, patientID: PatientID, readings: [Reading], receivedAt: Date)
        -> OutboxEvent
    {
        let values: [[String: Any]] = readings.map { reading in
            var value: [String: Any] = [
                "type": reading.type.rawValue, "value": reading.value, "measuredAt": timestamp(reading.measuredAt),
            ]
            if let loinc = reading.type.loinc { value["loinc"] = loinc }
            if let unit = reading.type.canonicalUnit { value["unit"] = unit }
            return value
        }
        let data: [String: Any] = [
            "deviceId": deviceID.rawValue, "patientId": patientID.rawValue, "receivedAt": timestamp(receivedAt),
            "readings": values, "links": ["observations": "/api/v1/patients/\(patientID.rawValue)/observations"],
        ]
        return event("reading.created", patientID: patientID, at: receivedAt, data: data)
    }

    private static func event(_ type: String, patientID: PatientID?, at time: Date, data: [String: Any]) -> OutboxEvent {
        let body: [String: Any] = ["type": type, "timestamp": timestamp(time), "data": data]
        let payload = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return OutboxEvent(type: type, patientID: patientID, occurredAt: time, payload: payload)
    }

    private static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
