import Foundation
import VigilCore

extension ReadingCollector {
    /// Finishes the message: a systolic and a diastolic reading sent on their
    /// own with the same time are a pair, and are both rejected when the
    /// diastolic is not below the systolic (each with its own type and fragment).
    consuming func finish() -> ParsedMessage {
        if unpairedPressures.count >= 2 { rejectInvertedPairs() }
        return ParsedMessage(messageID: messageID, readings: readings, rejected: rejected)
    }

    private mutating func rejectInvertedPairs() {
        var byTime: [Date: (systolic: [Int], diastolic: [Int])] = [:]
        for (position, pressure) in unpairedPressures.enumerated() {
            let reading = readings[pressure.index]
            if reading.type == .systolic {
                byTime[reading.measuredAt, default: ([], [])].systolic.append(position)
            } else {
                byTime[reading.measuredAt, default: ([], [])].diastolic.append(position)
            }
        }
        var removed: [Int] = []
        for pressure in unpairedPressures {
            guard let group = byTime.removeValue(forKey: readings[pressure.index].measuredAt),
                group.systolic.count == 1, group.diastolic.count == 1
            else { continue }
            let systolic = unpairedPressures[group.systolic[0]]
            let diastolic = unpairedPressures[group.diastolic[0]]
            guard readings[diastolic.index].value >= readings[systolic.index].value else { continue }
            for member in [systolic, diastolic].sorted(by: { $0.index < $1.index }) {
                reject(
                    ReadingRejection(.diastolicNotBelowSystolic, type: readings[member.index].type),
                    source: member.source)
                removed.append(member.index)
            }
        }
        guard !removed.isEmpty else { return }
        let removedSet = Set(removed)
        readings = readings.indices.filter { !removedSet.contains($0) }.map { readings[$0] }
    }
}
