import Foundation
import VigilCore

extension OutboxEvent {
    /// The Standard Webhooks body `{"data", "timestamp", "type"}` around `data`.
    private struct Body<Payload: Encodable>: Encodable {
        let type: String
        let timestamp: String
        let data: Payload
    }

    /// An event whose payload is `data` in the Standard Webhooks body, with
    /// sorted keys and `occurredAt` as its timestamp.
    public init(type: String, patientID: PatientID?, occurredAt: Date, data: some Encodable) {
        let body = Body(type: type, timestamp: Self.timestamp(occurredAt), data: data)
        let payload = (try? CompactJSONEncoder().encode(body)) ?? Data("{}".utf8)
        self.init(type: type, patientID: patientID, occurredAt: occurredAt, payload: payload)
    }

    /// A time as event payloads write it: ISO 8601, UTC, with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        ISO8601Timestamp.withMilliseconds(date)
    }
}
