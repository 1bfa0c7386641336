import Foundation
import VigilCore

/// Keeps what devices sent that Vigil refused, with the reason, so it can be
/// inspected and replayed after the cause is fixed.
public protocol QuarantineStore: Sendable {
    /// Adds items outside any ingest batch (a whole message refused); returns them with ids.
    @discardableResult
    func add(_ items: [QuarantineItem]) async throws -> [QuarantineItem]
    /// Items, newest first, optionally only those in one state.
    func items(state: QuarantineItem.State?, limit: Int) async throws -> [QuarantineItem]
    func item(_ id: Int64) async throws -> QuarantineItem?
    /// Marks an item replayed (or discarded) at a time; throws `StoreError.notFound` if absent.
    func resolve(_ id: Int64, as state: QuarantineItem.State, at time: Date) async throws
    /// Counts items per reason among those still pending.
    func pendingCountsByReason() async throws -> [String: Int]
}

/// One refused device message or reading.
public struct QuarantineItem: Sendable, Hashable {
    /// Whether the item still awaits attention.
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending
        /// Replayed successfully; its readings are stored.
        case replayed
        case discarded
    }

    /// Assigned by the store; 0 before it is stored.
    public var id: Int64
    public var deviceID: DeviceID?
    /// The patient the device was bound to when it sent this, if known.
    public var patientID: PatientID?
    public var messageID: String?
    public var receivedAt: Date
    /// A stable snake_case reason, such as `implausible_value` or `invalid_json`.
    public var reason: String
    /// The vital type involved, when one reading was refused.
    public var vitalType: VitalType?
    /// The refused body or reading exactly as received (at most the size limit).
    public var payload: Data
    /// The media type of `payload` as the device declared it.
    public var contentType: String?
    public var state: State
    public var resolvedAt: Date?

    public init(
        id: Int64 = 0, deviceID: DeviceID?, patientID: PatientID?, messageID: String?, receivedAt: Date,
        reason: String, vitalType: VitalType? = nil, payload: Data, contentType: String? = nil,
        state: State = .pending, resolvedAt: Date? = nil
    ) {
        self.id = id
        self.deviceID = deviceID
        self.patientID = patientID
        self.messageID = messageID
        self.receivedAt = receivedAt.truncatedToMilliseconds
        self.reason = reason
        self.vitalType = vitalType
        self.payload = payload
        self.contentType = contentType
        self.state = state
        self.resolvedAt = resolvedAt?.truncatedToMilliseconds
    }
}
