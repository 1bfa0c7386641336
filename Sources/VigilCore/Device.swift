import Foundation

/// A medical device at a patient's home, bound to one patient at a time.
public struct Device: Codable, Sendable, Hashable, Identifiable {
    public var id: DeviceID
    public var patientID: PatientID
    public var isDisabled: Bool
    public var createdAt: Date

    public init(id: DeviceID, patientID: PatientID, isDisabled: Bool = false, createdAt: Date = Date()) {
        self.id = id
        self.patientID = patientID
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }
}
