import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Expected types with no reading within their interval.
struct MissingDataDetectorTests {
    typealias F = Fixtures

    let detector = MissingDataDetector()

    @Test func flagsATypeThePatientSentButNotWithinTheInterval() {
        let readings = ReadingHistory([
            F.reading(.heartRate, 70, ago: hours(30)), F.reading(.heartRate, 72, ago: hours(25)),
            F.reading(.bodyWeight, 80, ago: hours(2)),
        ])
        #expect(
            detector.findings(in: readings, at: F.now)
                == [
                    MissingDataFinding(
                        type: .heartRate, lastMeasuredAt: F.now.addingTimeInterval(-hours(25)), interval: hours(24))
                ])
    }

    @Test func clearsWhenDataArrives() {
        var readings = [F.reading(.heartRate, 70, ago: hours(30))]
        #expect(detector.findings(in: ReadingHistory(readings), at: F.now).map(\.type) == [.heartRate])
        readings.append(F.reading(.heartRate, 71, ago: minutes(1)))
        #expect(detector.findings(in: ReadingHistory(readings), at: F.now).isEmpty)
    }

    @Test func aReadingExactlyOneIntervalOldStillCounts() {
        #expect(detector.findings(in: ReadingHistory([F.reading(.spo2, 97, ago: hours(24))]), at: F.now).isEmpty)
        #expect(detector.findings(in: ReadingHistory([F.reading(.spo2, 97, ago: hours(24) + 1)]), at: F.now).count == 1)
    }

    @Test func typesSilentForLongerThanTheDiscoverySpanAreNoLongerExpected() {
        let readings = ReadingHistory([
            F.reading(.bloodGlucose, 110, ago: days(15)), F.reading(.spo2, 97, ago: days(13)),
        ])
        #expect(detector.expectedTypes(in: readings, at: F.now) == [.spo2])
        #expect(detector.findings(in: readings, at: F.now).map(\.type) == [.spo2])
    }

    @Test func readingsAfterNowDoNotCount() {
        let readings = ReadingHistory([
            F.reading(.heartRate, 70, ago: hours(30)), F.reading(.heartRate, 70, ago: -hours(1)),
        ])
        #expect(detector.findings(in: readings, at: F.now).map(\.type) == [.heartRate])
    }

    @Test func configuredTypesAreExpectedEvenWhenNeverSent() {
        let detector = MissingDataDetector(configuration: .init(expectedTypes: [.bodyWeight, .systolic]))
        let readings = ReadingHistory([
            F.reading(.systolic, 120, ago: hours(3)), F.reading(.heartRate, 60, ago: days(3)),
        ])
        #expect(
            detector.findings(in: readings, at: F.now) == [
                MissingDataFinding(type: .bodyWeight, lastMeasuredAt: nil, interval: hours(24))
            ])
    }

    @Test func perTypeIntervalsOverrideTheDefault() {
        let detector = MissingDataDetector(
            configuration: .init(intervalsByType: [.spo2: hours(1), .bodyWeight: days(3)]))
        let readings = ReadingHistory([
            F.reading(.spo2, 97, ago: hours(2)), F.reading(.bodyWeight, 80, ago: days(2)),
            F.reading(.heartRate, 60, ago: hours(23)),
        ])
        #expect(
            detector.findings(in: readings, at: F.now) == [
                MissingDataFinding(type: .spo2, lastMeasuredAt: F.now.addingTimeInterval(-hours(2)), interval: hours(1))
            ])
    }

    @Test func aPatientWithNoReadingsHasNoDefaultExpectations() {
        #expect(detector.findings(in: ReadingHistory([]), at: F.now).isEmpty)
    }
}
