import VigilAnalytics

/// NEWS2 risk levels as test arguments.
enum NEWS2RiskLevelName: Sendable, CustomStringConvertible {
    case none, low, lowMedium, medium, high

    var level: NEWS2RiskLevel {
        switch self {
        case .none: .none
        case .low: .low
        case .lowMedium: .lowMedium
        case .medium: .medium
        case .high: .high
        }
    }

    var description: String { "\(level)" }
}
