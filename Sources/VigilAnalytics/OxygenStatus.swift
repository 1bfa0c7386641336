/// Whether a patient breathes room air or receives supplemental oxygen, as the
/// NEWS2 chart's "Air or oxygen?" row asks.
public enum OxygenStatus: String, Codable, Sendable, CaseIterable, Hashable {
    /// Room air (scores 0).
    case air
    /// Supplemental oxygen by any device (scores 2, and moves scale 2's upper SpO2 bands).
    case oxygen
}
