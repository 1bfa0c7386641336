import Foundation

/// A monitored person. The display name, birth date and MRN are PHI:
/// they never appear in logs, errors or metric labels.
public struct Patient: Codable, Sendable, Hashable, Identifiable {
    public var id: PatientID
    public var displayName: String
    /// Calendar date of birth, `YYYY-MM-DD`.
    public var birthDate: CalendarDate?
    /// Medical record number in the hospital's own system.
    public var mrn: String?
    /// Which NEWS2 SpO2 scale applies; a clinician chooses scale 2 for
    /// hypercapnic respiratory failure.
    public var news2Scale: NEWS2Scale
    public var conditions: [Condition]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: PatientID = .random(), displayName: String, birthDate: CalendarDate? = nil, mrn: String? = nil,
        news2Scale: NEWS2Scale = .scale1, conditions: [Condition] = [], createdAt: Date = Date(),
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.birthDate = birthDate
        self.mrn = mrn
        self.news2Scale = news2Scale
        self.conditions = conditions
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// The NEWS2 oxygen-saturation scale of a patient.
public enum NEWS2Scale: Int, Codable, Sendable, CaseIterable {
    case scale1 = 1
    case scale2 = 2
}

/// A chronic condition that enables condition-specific monitoring presets.
public enum Condition: String, Codable, Sendable, CaseIterable {
    case heartFailure
    case hypertension
    case diabetes
    case copd
}
