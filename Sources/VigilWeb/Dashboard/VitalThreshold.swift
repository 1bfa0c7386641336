import VigilCore

/// Lines a trend chart draws: where a vital sign leaves the NEWS2 normal band
/// (sub-score 0) and where it scores 3.
struct VitalThreshold: Sendable, Hashable {
    enum Kind: Sendable {
        /// Edge of the NEWS2 normal band.
        case normal
        /// Where the value scores 3 (or, for the NEWS2 total, a high-risk level).
        case red
    }

    let value: Double
    let kind: Kind

    /// The thresholds of a type on a patient's SpO2 scale; empty for types NEWS2 does not score.
    static func of(_ type: VitalType, scale: NEWS2Scale) -> [VitalThreshold] {
        switch type {
        case .respiratoryRate: [.init(value: 12, kind: .normal), .init(value: 20, kind: .normal), .init(value: 8, kind: .red), .init(value: 25, kind: .red)]
        case .spo2 where scale == .scale2: [.init(value: 88, kind: .normal), .init(value: 83, kind: .red)]
        case .spo2: [.init(value: 96, kind: .normal), .init(value: 91, kind: .red)]
        case .systolic: [.init(value: 111, kind: .normal), .init(value: 90, kind: .red), .init(value: 220, kind: .red)]
        case .heartRate: [.init(value: 51, kind: .normal), .init(value: 90, kind: .normal), .init(value: 40, kind: .red), .init(value: 131, kind: .red)]
        case .bodyTemperature: [.init(value: 36.1, kind: .normal), .init(value: 38.0, kind: .normal), .init(value: 35.0, kind: .red)]
        case .news2Score: [.init(value: 5, kind: .normal), .init(value: 7, kind: .red)]
        default: []
        }
    }
}
