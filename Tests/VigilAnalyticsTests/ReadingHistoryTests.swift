import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Grouping, sorting and time slicing of a patient's readings.
struct ReadingHistoryTests {
    typealias F = Fixtures

    @Test func groupsByTypeAndSortsOldestFirst() {
        let history = ReadingHistory([
            F.reading(.heartRate, 3, ago: 10), F.reading(.spo2, 97, ago: 5), F.reading(.heartRate, 1, ago: 30),
            F.reading(.heartRate, 2, ago: 20),
        ])
        #expect(history[.heartRate].map(\.value) == [1, 2, 3])
        #expect(history[.spo2].map(\.value) == [97])
        #expect(history[.steps].isEmpty)
        #expect(history.types == [.heartRate, .spo2])
    }

    @Test func slicesByTimeWithTheDocumentedBounds() {
        let history = ReadingHistory(F.series(.heartRate, [1, 2, 3, 4, 5], spacing: 60))
        let start = F.now.addingTimeInterval(-180)
        let end = F.now.addingTimeInterval(-60)
        #expect(history.readings(of: .heartRate, from: start, through: end).map(\.value) == [2, 3, 4])
        #expect(history.readings(of: .heartRate, from: start, before: end).map(\.value) == [2, 3])
        #expect(history.readings(of: .heartRate, through: end).map(\.value) == [1, 2, 3, 4])
        #expect(history.readings(of: .heartRate, from: end, through: start).isEmpty)
    }

    @Test func dropsReadingsFiledUnderTheWrongType() {
        let history = ReadingHistory(byType: [
            .heartRate: [F.reading(.spo2, 97, ago: 0), F.reading(.heartRate, 60, ago: 0)]
        ])
        #expect(history[.heartRate].map(\.value) == [60])
    }
}
