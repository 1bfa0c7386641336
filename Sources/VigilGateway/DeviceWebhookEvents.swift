import Foundation
import VigilCore
import VigilStore

/// The webhook events a device message causes: `device.quarantine` when
/// anything it sent was refused, `reading.created` (opt-in) for what was stored.
///
/// Payloads follow the Standard Webhooks shape `{"type", "timestamp", "data"}`
/// and carry identifiers, codes, values and times only.
enum DeviceWebhookEvents {
    /// The `data` of `device.quarantine`.
    private struct QuarantineData: Encodable {
        struct Item: Encodable {
            let reason: String
            let vitalType: String?
        }

        let deviceId: String
        let patientId: String?
        let messageId: String?
        let receivedAt: String
        let items: [Item]
        let links: [String: String]
    }

    /// The `data` of `reading.created`.
    private struct ReadingsData: Encodable {
        struct Value: Encodable {
            let type: String
            let value: Double
            let measuredAt: String
            let loinc: String?
            let unit: String?
        }

        let deviceId: String
        let patientId: String
        let receivedAt: String
        let readings: [Value]
        let links: [String: String]
    }

    /// `device.quarantine`: which device and patient, the message id, and each refusal's reason and vital type.
    static func quarantine(
        deviceID: DeviceID, patientID: PatientID?, messageID: String?, refusals: [(reason: String, type: VitalType?)],
        receivedAt: Date
    ) -> OutboxEvent {
        let data = QuarantineData(
            deviceId: deviceID.rawValue, patientId: patientID?.rawValue, messageId: messageID,
            receivedAt: OutboxEvent.timestamp(receivedAt),
            items: refusals.map { QuarantineData.Item(reason: $0.reason, vitalType: $0.type?.rawValue) },
            links: ["quarantine": "/api/v1/quarantine"])
        return OutboxEvent(type: "device.quarantine", patientID: patientID, occurredAt: receivedAt, data: data)
    }

    /// `reading.created`: the readings of one stored message, in canonical units.
    static func readingsCreated(deviceID: DeviceID, patientID: PatientID, readings: [Reading], receivedAt: Date)
        -> OutboxEvent
    {
        let data = ReadingsData(
            deviceId: deviceID.rawValue, patientId: patientID.rawValue, receivedAt: OutboxEvent.timestamp(receivedAt),
            readings: readings.map {
                ReadingsData.Value(
                    type: $0.type.rawValue, value: $0.value, measuredAt: OutboxEvent.timestamp($0.measuredAt),
                    loinc: $0.type.loinc, unit: $0.type.canonicalUnit)
            },
            links: ["observations": "/api/v1/patients/\(patientID.rawValue)/observations"])
        return OutboxEvent(type: "reading.created", patientID: patientID, occurredAt: receivedAt, data: data)
    }
}
