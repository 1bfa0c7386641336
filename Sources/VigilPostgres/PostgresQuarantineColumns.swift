import Foundation
import PostgresNIO
import VigilStore

/// Quarantine items as one array per column, for an `INSERT … SELECT FROM unnest(…)`
/// that writes them all in one statement, each row tagged with an owner index
/// (the message it came in, or its own position).
struct PostgresQuarantineColumns {
    var owners: [Int64] = []
    var deviceIDs = PostgresTextArray(elements: [])
    var patientIDs = PostgresTextArray(elements: [])
    var messageIDs = PostgresTextArray(elements: [])
    var receivedAt: [Int64] = []
    var reasons: [String] = []
    var vitalTypes = PostgresTextArray(elements: [])
    var payloads: [ByteBuffer] = []
    var contentTypes = PostgresTextArray(elements: [])
    var states: [String] = []
    var resolvedAt = PostgresBigIntArray(elements: [])

    /// Adds one item belonging to `owner`.
    mutating func append(_ item: QuarantineItem, owner: Int) {
        owners.append(Int64(owner))
        deviceIDs.elements.append(item.deviceID?.rawValue)
        patientIDs.elements.append(item.patientID?.rawValue)
        messageIDs.elements.append(item.messageID)
        receivedAt.append(item.receivedAt.millisecondsSince1970)
        reasons.append(item.reason)
        vitalTypes.elements.append(item.vitalType?.rawValue)
        payloads.append(ByteBuffer(bytes: item.payload))
        contentTypes.elements.append(item.contentType)
        states.append(item.state.rawValue)
        resolvedAt.elements.append(item.resolvedAt?.millisecondsSince1970)
    }
}
