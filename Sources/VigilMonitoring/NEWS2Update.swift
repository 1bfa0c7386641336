import Foundation
import VigilAnalytics
import VigilCore

/// A patient's new NEWS2 result, stored as a `news2Score` reading.
public struct NEWS2Update: Sendable, Hashable {
    public var patientID: PatientID
    public var score: NEWS2Score
    /// When the newest observation scored was measured (the reading's time).
    public var measuredAt: Date
    /// The total stored before, if any.
    public var previousTotal: Int?

    public init(patientID: PatientID, score: NEWS2Score, measuredAt: Date, previousTotal: Int?) {
        self.patientID = patientID
        self.score = score
        self.measuredAt = measuredAt
        self.previousTotal = previousTotal
    }
}
