import Foundation
import VigilCore

/// One patient's recent readings, grouped by type and sorted by measurement
/// time (oldest first): the input of the rule, baseline and missing-data detectors.
public struct ReadingHistory: Sendable, Hashable {
    private var series: [VitalType: [Reading]]

    /// Groups and sorts `readings` (one patient's, in any order). Readings
    /// measured at the same time are ordered by receive time.
    public init(_ readings: some Sequence<Reading>) {
        self.init(byType: Dictionary(grouping: readings, by: \.type))
    }

    /// A history from readings already grouped by type; each group is sorted
    /// (cheaply, when it already is) and readings filed under the wrong type are dropped.
    public init(byType: [VitalType: [Reading]]) {
        var series: [VitalType: [Reading]] = [:]
        for (type, readings) in byType {
            let sorted = readings.filter { $0.type == type }
                .sorted { ($0.measuredAt, $0.receivedAt) < ($1.measuredAt, $1.receivedAt) }
            if !sorted.isEmpty { series[type] = sorted }
        }
        self.series = series
    }

    /// The readings of `type`, oldest first; empty when there are none.
    public subscript(type: VitalType) -> [Reading] { series[type] ?? [] }

    /// The types that have at least one reading, in catalogue order.
    public var types: [VitalType] { VitalType.allCases.filter { series[$0] != nil } }

    /// The readings of `type` measured from `start` through `end`, both included.
    public func readings(of type: VitalType, from start: Date, through end: Date) -> ArraySlice<Reading> {
        let all = self[type]
        let lower = Self.partition(all) { $0.measuredAt < start }
        let upper = Self.partition(all) { $0.measuredAt <= end }
        return lower < upper ? all[lower..<upper] : all[lower..<lower]
    }

    /// The readings of `type` measured from `start` (included) until `end` (excluded).
    public func readings(of type: VitalType, from start: Date, before end: Date) -> ArraySlice<Reading> {
        let all = self[type]
        let lower = Self.partition(all) { $0.measuredAt < start }
        let upper = Self.partition(all) { $0.measuredAt < end }
        return lower < upper ? all[lower..<upper] : all[lower..<lower]
    }

    /// The readings of `type` measured at or before `end`.
    public func readings(of type: VitalType, through end: Date) -> ArraySlice<Reading> {
        let all = self[type]
        return all[..<Self.partition(all) { $0.measuredAt <= end }]
    }

    /// The index of the first reading for which `isBefore` is false (binary
    /// search; `isBefore` must hold for a prefix of the readings).
    private static func partition(_ readings: [Reading], isBefore: (Reading) -> Bool) -> Int {
        var low = 0
        var high = readings.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(readings[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
