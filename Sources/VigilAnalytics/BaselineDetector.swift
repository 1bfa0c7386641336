import Foundation
import VigilCore

/// Finds sustained departures from a patient's own baseline, even inside
/// population limits (a resting pulse of 88 in someone whose usual is 62).
///
/// The baseline of a type is the median and MAD × 1.4826 of the readings from
/// `now − historySpan` (included) until `now − excludedRecentSpan` (excluded),
/// with the MAD raised to the type's spread floor, so a perfectly steady series
/// does not turn every small change into an anomaly. It needs at least
/// `minimumBaselineReadings`. The recent median is taken over the readings
/// from `now − recentWindow` through `now` and needs at least
/// `minimumRecentReadings`; a median so that one spike does not count. A
/// departure is a recent median more than `threshold` robust z-scores from the
/// baseline median. Types without a spread floor are not analysed.
///
/// A pure function of readings and `now`.
public struct BaselineDetector: Sendable, Hashable {
    /// Spans, minimum counts, threshold and spread floors, with documented defaults.
    public struct Configuration: Sendable, Hashable {
        /// How far back the baseline reaches. Default 14 days.
        public var historySpan: TimeInterval
        /// The most recent span left out of the baseline, so a developing change
        /// does not pull the baseline with it. Default 6 hours.
        public var excludedRecentSpan: TimeInterval
        /// The fewest readings a baseline needs. Default 20.
        public var minimumBaselineReadings: Int
        /// The span whose median is compared with the baseline. Default 2 hours.
        public var recentWindow: TimeInterval
        /// The fewest readings in the recent span. Default 3.
        public var minimumRecentReadings: Int
        /// How many robust z-scores (strictly more than) make a departure. Default 3.
        public var threshold: Double
        /// The smallest spread per type, in the canonical unit; only these types are analysed.
        /// Default `defaultSpreadFloors`.
        public var spreadFloors: [VitalType: Double]

        /// Heart rate 2 /min, respiratory rate 1 /min, SpO2 1 %, temperature
        /// 0.2 °C, systolic 4 mmHg, diastolic 3 mmHg, weight 0.3 kg, glucose 8 mg/dL.
        public static let defaultSpreadFloors: [VitalType: Double] = [
            .heartRate: 2, .respiratoryRate: 1, .spo2: 1, .bodyTemperature: 0.2, .systolic: 4, .diastolic: 3,
            .bodyWeight: 0.3, .bloodGlucose: 8,
        ]

        /// A configuration; every argument has the default documented on its property.
        public init(
            historySpan: TimeInterval = 14 * 86_400, excludedRecentSpan: TimeInterval = 6 * 3_600,
            minimumBaselineReadings: Int = 20, recentWindow: TimeInterval = 2 * 3_600, minimumRecentReadings: Int = 3,
            threshold: Double = 3, spreadFloors: [VitalType: Double] = defaultSpreadFloors
        ) {
            self.historySpan = historySpan
            self.excludedRecentSpan = excludedRecentSpan
            self.minimumBaselineReadings = minimumBaselineReadings
            self.recentWindow = recentWindow
            self.minimumRecentReadings = minimumRecentReadings
            self.threshold = threshold
            self.spreadFloors = spreadFloors
        }
    }

    /// The configuration in use.
    public var configuration: Configuration

    /// A detector with `configuration` (defaults when omitted).
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// The baseline of `type` at `now`, or `nil` when the type is not analysed
    /// or has too few readings.
    public func baseline(of type: VitalType, in history: ReadingHistory, at now: Date) -> PersonalBaseline? {
        guard let floor = configuration.spreadFloors[type] else { return nil }
        let from = now.addingTimeInterval(-configuration.historySpan)
        let until = now.addingTimeInterval(-configuration.excludedRecentSpan)
        let values = history.readings(of: type, from: from, before: until).map(\.value)
        guard values.count >= max(configuration.minimumBaselineReadings, 1),
            let median = RobustStatistics.median(values),
            let mad = RobustStatistics.medianAbsoluteDeviation(values, from: median)
        else { return nil }
        let scaled = mad * RobustStatistics.madScale
        return PersonalBaseline(
            type: type, median: median, scaledMAD: scaled, spread: max(scaled, floor), readingCount: values.count,
            from: from, until: until)
    }

    /// How the recent readings of `type` compare with its baseline at `now`, or
    /// `nil` when there is no baseline or too few recent readings.
    public func assessment(of type: VitalType, in history: ReadingHistory, at now: Date) -> BaselineAssessment? {
        guard let baseline = baseline(of: type, in: history, at: now) else { return nil }
        let recent = history.readings(of: type, from: now.addingTimeInterval(-configuration.recentWindow), through: now)
            .map(\.value)
        guard recent.count >= max(configuration.minimumRecentReadings, 1),
            let recentMedian = RobustStatistics.median(recent)
        else { return nil }
        let zScore = baseline.zScore(of: recentMedian)
        return BaselineAssessment(
            type: type, baseline: baseline, recentMedian: recentMedian, recentReadingCount: recent.count,
            zScore: zScore,
            isDeparture: abs(zScore) > configuration.threshold)
    }

    /// The sustained departures at `now`, one per analysed type at most, in catalogue order.
    public func departures(in history: ReadingHistory, at now: Date) -> [BaselineAssessment] {
        history.types.compactMap { type in
            assessment(of: type, in: history, at: now).flatMap { $0.isDeparture ? $0 : nil }
        }
    }
}
