import VigilCore

/// The alert rule ids Vigil reserves for its own detectors; a clinician's rules
/// may not use them.
public enum RuleIDs {
    /// The NEWS2 alert.
    public static let news2 = "news2"
    /// The prefix of no-data alerts, followed by the vital type: `no-data.heartRate`.
    public static let noDataPrefix = "no-data."
    /// The prefix of baseline alerts, followed by the vital type: `baseline.heartRate`.
    public static let baselinePrefix = "baseline."

    /// Whether `id` is one of Vigil's own.
    public static func isReserved(_ id: String) -> Bool {
        id == news2 || id.hasPrefix(noDataPrefix) || id.hasPrefix(baselinePrefix)
    }

    /// The no-data rule id of a type.
    public static func noData(_ type: VitalType) -> String { noDataPrefix + type.rawValue }

    /// The baseline rule id of a type.
    public static func baseline(_ type: VitalType) -> String { baselinePrefix + type.rawValue }

    /// The type of a no-data rule id, if it is one.
    public static func noDataType(of id: String) -> VitalType? {
        guard id.hasPrefix(noDataPrefix) else { return nil }
        return VitalType(rawValue: String(id.dropFirst(noDataPrefix.count)))
    }
}
