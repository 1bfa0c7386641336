import Foundation

/// One stored measurement of one vital type for one patient.
public struct Reading: Codable, Sendable, Hashable {
    public var patientID: PatientID
    /// The device that sent it; `nil` for readings Vigil derives itself.
    public var deviceID: DeviceID?
    public var type: VitalType
    /// The value in the type's canonical unit.
    public var value: Double
    /// The value exactly as the device sent it.
    public var originalValue: String
    /// The unit exactly as the device sent it, if it sent one.
    public var originalUnit: String?
    /// When it was measured (millisecond precision).
    public var measuredAt: Date
    /// When Vigil received it (millisecond precision).
    public var receivedAt: Date
    /// The device message it came in, for idempotency and tracing.
    public var messageID: String?

    public init(
        patientID: PatientID, deviceID: DeviceID?, type: VitalType, value: Double, originalValue: String? = nil,
        originalUnit: String? = nil, measuredAt: Date, receivedAt: Date, messageID: String? = nil
    ) {
        self.patientID = patientID
        self.deviceID = deviceID
        self.type = type
        self.value = value
        self.originalValue = originalValue ?? value.shortDescription
        self.originalUnit = originalUnit
        self.measuredAt = measuredAt.truncatedToMilliseconds
        self.receivedAt = receivedAt.truncatedToMilliseconds
        self.messageID = messageID
    }
}

extension Date {
    /// Milliseconds since 1970, the precision Vigil stores times in.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The date with sub-millisecond precision dropped.
    public var truncatedToMilliseconds: Date { Date(millisecondsSince1970: millisecondsSince1970) }

    /// A date from milliseconds since 1970.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
