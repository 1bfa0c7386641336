import Foundation
import VigilCore

/// Finds expected vital types that have gone silent: no reading within the
/// type's interval before `now`. A finding clears as soon as a reading arrives
/// (the next evaluation simply does not report it).
///
/// The expected types are configured per patient; by default they are every
/// type the patient has sent within `discoverySpan` (so a type silent for longer
/// than that stops being expected, and its finding clears too). Readings
/// measured after `now` are ignored. A reading exactly `interval` old still counts.
public struct MissingDataDetector: Sendable, Hashable {
    /// Expected types and intervals, with documented defaults.
    public struct Configuration: Sendable, Hashable {
        /// The types expected; `nil` (the default) means every type with a
        /// reading within `discoverySpan`.
        public var expectedTypes: Set<VitalType>?
        /// The interval a reading is expected within. Default 24 hours.
        public var interval: TimeInterval
        /// Intervals for particular types, overriding `interval`. Default none.
        public var intervalsByType: [VitalType: TimeInterval]
        /// How far back a type counts as sent, when `expectedTypes` is `nil`. Default 14 days.
        public var discoverySpan: TimeInterval

        /// A configuration; every argument has the default documented on its property.
        public init(
            expectedTypes: Set<VitalType>? = nil, interval: TimeInterval = 86_400,
            intervalsByType: [VitalType: TimeInterval] = [:], discoverySpan: TimeInterval = 14 * 86_400
        ) {
            self.expectedTypes = expectedTypes
            self.interval = interval
            self.intervalsByType = intervalsByType
            self.discoverySpan = discoverySpan
        }

        /// The interval for `type`.
        public func interval(for type: VitalType) -> TimeInterval { intervalsByType[type] ?? interval }
    }

    /// The configuration in use.
    public var configuration: Configuration

    /// A detector with `configuration` (defaults when omitted).
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// The expected types at `now`, in catalogue order.
    public func expectedTypes(in history: ReadingHistory, at now: Date) -> [VitalType] {
        if let expected = configuration.expectedTypes { return VitalType.allCases.filter(expected.contains) }
        let from = now.addingTimeInterval(-configuration.discoverySpan)
        return history.types.filter { !history.readings(of: $0, from: from, through: now).isEmpty }
    }

    /// The expected types with no reading within their interval at `now`, in catalogue order.
    public func findings(in history: ReadingHistory, at now: Date) -> [MissingDataFinding] {
        expectedTypes(in: history, at: now).compactMap { type in
            let interval = configuration.interval(for: type)
            let latest = history.readings(of: type, through: now).last
            if let latest, latest.measuredAt >= now.addingTimeInterval(-interval) { return nil }
            return MissingDataFinding(type: type, lastMeasuredAt: latest?.measuredAt, interval: interval)
        }
    }
}
