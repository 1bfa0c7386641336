/// What a user may do. Access to patient data also depends on care teams.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Manages users, patients, devices and sees everything.
    case admin
    /// Sees and acts on the patients of their care teams.
    case clinician
    /// Sees only the one patient record the user is linked to.
    case patient
}
