import Foundation
import VigilCore

/// One event for webhook subscribers, written to the transactional outbox in
/// the same transaction as the change that caused it.
///
/// When it is written, one delivery is created for every enabled endpoint
/// subscribed to its type; the relay then delivers those at least once.
public struct OutboxEvent: Sendable, Hashable {
    /// The event id, sent as `webhook-id`: the same on every retry, so it is the
    /// receiver's idempotency key. Prefixed `evt_` by ``newID()``.
    public var id: String
    /// The event type, such as `alert.created` or `device.quarantine`.
    public var type: String
    /// The patient the event is about, if any: deliveries of one endpoint and
    /// patient are made in the order their events were written.
    public var patientID: PatientID?
    public var occurredAt: Date
    /// The JSON body sent to subscribers, exactly as stored.
    public var payload: Data

    public init(id: String = OutboxEvent.newID(), type: String, patientID: PatientID?, occurredAt: Date, payload: Data)
    {
        self.id = id
        self.type = type
        self.patientID = patientID
        self.occurredAt = occurredAt.truncatedToMilliseconds
        self.payload = payload
    }

    /// A new random event id (`evt_` and a lowercase UUID without dashes).
    public static func newID() -> String {
        "evt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
