import Foundation
import VigilCore

extension NEWS2Observations {
    /// The default observation window: 60 minutes.
    public static let defaultWindow: TimeInterval = 60 * 60

    /// The observation set a patient's readings give at `now`.
    ///
    /// For each parameter, the latest reading measured within `window` before
    /// `now` (from `now − window` to `now`, both included) is used; older
    /// readings, and readings measured after `now`, are ignored. Of two readings
    /// of one type measured at the same time, the later in `readings` wins.
    ///
    /// - Pulse is read from `heartRate`, respiration rate from `respiratoryRate`,
    ///   systolic pressure from `systolic`, temperature from `bodyTemperature`.
    /// - Oxygen: the latest of the `supplementalOxygen` readings (1 = oxygen,
    ///   0 = air) and the `inhaledOxygenFlow` readings (> 0 = oxygen, 0 = air)
    ///   decides; when the latest of each type are measured at the same time and
    ///   disagree, oxygen wins. With neither in the window, oxygen is missing.
    /// - Consciousness: a value that is not an ACVPU ordinal is ignored.
    ///
    /// - Parameters:
    ///   - readings: one patient's readings, in any order.
    ///   - now: the time to observe at.
    ///   - window: how far back a reading still counts, in seconds (default 60 min).
    public init(latestOf readings: some Sequence<Reading>, at now: Date, window: TimeInterval = defaultWindow) {
        self.init()
        let start = now.addingTimeInterval(-window)
        var latest: [VitalType: Reading] = [:]
        for reading in readings where reading.measuredAt >= start && reading.measuredAt <= now {
            if reading.type == .consciousness, Consciousness(ordinal: reading.value) == nil { continue }
            if let current = latest[reading.type], reading.measuredAt < current.measuredAt { continue }
            latest[reading.type] = reading
        }
        respirationRate = latest[.respiratoryRate]?.value
        oxygenSaturation = latest[.spo2]?.value
        oxygen = Self.oxygenStatus(flag: latest[.supplementalOxygen], flow: latest[.inhaledOxygenFlow])
        systolicBloodPressure = latest[.systolic]?.value
        pulse = latest[.heartRate]?.value
        consciousness = latest[.consciousness].flatMap { Consciousness(ordinal: $0.value) }
        temperature = latest[.bodyTemperature]?.value
    }

    /// Air or oxygen from the latest `supplementalOxygen` and `inhaledOxygenFlow`
    /// readings: the later one decides; at the same time, oxygen wins.
    private static func oxygenStatus(flag: Reading?, flow: Reading?) -> OxygenStatus? {
        let readings = [flag, flow].compactMap { $0 }
        guard let latestTime = readings.map(\.measuredAt).max() else { return nil }
        return readings.contains { $0.measuredAt == latestTime && $0.value > 0 } ? .oxygen : .air
    }
}
