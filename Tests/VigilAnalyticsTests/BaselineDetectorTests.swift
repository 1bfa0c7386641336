import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Personal baselines: median and scaled MAD over 14 days (the last 6 hours
/// left out), and sustained departures of the last 2 hours' median.
struct BaselineDetectorTests {
    typealias F = Fixtures

    /// Hourly readings from 14 days ago until 7 hours ago, `center` ± a
    /// repeating −4, −2, 0, +2, +4 pattern (median `center`, MAD 2).
    static func history(_ type: VitalType = .heartRate, center: Double = 62, step: Double = 2, count: Int = 329)
        -> [Reading]
    {
        let pattern: [Double] = [-2, -1, 0, 1, 2]
        return (0..<count).map { index in
            F.reading(type, center + pattern[index % 5] * step, ago: hours(Double(7 + index)))
        }
    }

    /// Readings every 20 minutes over the last 2 hours, newest last.
    static func recent(_ values: [Double], type: VitalType = .heartRate) -> [Reading] {
        F.series(type, values, spacing: minutes(20))
    }

    let detector = BaselineDetector()

    @Test func aSustainedShiftIsADepartureAbove() throws {
        let readings = ReadingHistory(Self.history() + Self.recent(Array(repeating: 75, count: 7)))
        let assessment = try #require(detector.assessment(of: .heartRate, in: readings, at: F.now))
        #expect(assessment.baseline.median == 62)
        #expect(abs(assessment.baseline.scaledMAD - 2 * 1.4826) < 1e-12)
        #expect(assessment.baseline.spread == assessment.baseline.scaledMAD)
        #expect(assessment.baseline.readingCount == 329)
        #expect(assessment.recentMedian == 75)
        #expect(assessment.recentReadingCount == 7)
        #expect(abs(assessment.zScore - 13 / (2 * 1.4826)) < 1e-9)
        #expect(assessment.direction == .above)
        #expect(assessment.isDeparture)
        #expect(detector.departures(in: readings, at: F.now) == [assessment])
    }

    @Test func aSingleSpikeIsNotADeparture() throws {
        let readings = ReadingHistory(Self.history() + Self.recent([62, 64, 120, 60, 62]))
        let assessment = try #require(detector.assessment(of: .heartRate, in: readings, at: F.now))
        #expect(assessment.recentMedian == 62)
        #expect(!assessment.isDeparture)
        #expect(detector.departures(in: readings, at: F.now).isEmpty)
    }

    @Test func aDropIsADepartureBelowEvenInsidePopulationLimits() throws {
        let readings = ReadingHistory(
            Self.history(.spo2, center: 97, step: 0.5) + Self.recent([93, 93, 94, 93], type: .spo2))
        let assessment = try #require(detector.departures(in: readings, at: F.now).first)
        #expect(assessment.type == .spo2)
        #expect(assessment.direction == .below)
        #expect(assessment.zScore < -3)
        #expect(assessment.baseline.spread == 1, "MAD 0.5 × 1.4826 is below the 1 % floor")
    }

    @Test func tooLittleHistoryGivesNoBaselineAndNoFinding() {
        let readings = ReadingHistory(Self.history(count: 19) + Self.recent(Array(repeating: 90, count: 7)))
        let baseline = detector.baseline(of: .heartRate, in: readings, at: F.now)
        #expect(baseline == nil, "\(String(describing: baseline))")
        #expect(detector.assessment(of: .heartRate, in: readings, at: F.now) == nil)
        #expect(detector.departures(in: readings, at: F.now).isEmpty)
        let enough = ReadingHistory(Self.history(count: 20) + Self.recent(Array(repeating: 90, count: 7)))
        #expect(detector.departures(in: enough, at: F.now).count == 1)
    }

    @Test func tooFewRecentReadingsGiveNoFinding() {
        let readings = ReadingHistory(Self.history() + Self.recent([90, 90]))
        #expect(detector.assessment(of: .heartRate, in: readings, at: F.now) == nil)
    }

    @Test func theSpreadFloorKeepsAConstantSeriesFromFlaggingSmallChanges() throws {
        let constant = Self.history(step: 0)
        let small = ReadingHistory(constant + Self.recent([66, 66, 66]))
        let assessment = try #require(detector.assessment(of: .heartRate, in: small, at: F.now))
        #expect(assessment.baseline.scaledMAD == 0)
        #expect(assessment.baseline.spread == 2)
        #expect(assessment.zScore == 2)
        #expect(!assessment.isDeparture)
        let atThreshold = ReadingHistory(constant + Self.recent([68, 68, 68]))
        #expect(
            detector.assessment(of: .heartRate, in: atThreshold, at: F.now)?.isDeparture == false,
            "z = 3 is not more than 3")
        let large = ReadingHistory(constant + Self.recent([69, 69, 69]))
        #expect(detector.assessment(of: .heartRate, in: large, at: F.now)?.isDeparture == true)
    }

    @Test func theMostRecentHoursStayOutOfTheBaseline() throws {
        let shiftStartedFiveHoursAgo = F.series(.heartRate, Array(repeating: 80, count: 16), spacing: minutes(20))
        let readings = ReadingHistory(Self.history() + shiftStartedFiveHoursAgo)
        let assessment = try #require(detector.assessment(of: .heartRate, in: readings, at: F.now))
        #expect(assessment.baseline.median == 62)
        #expect(assessment.baseline.readingCount == 329)
        #expect(assessment.isDeparture)
    }

    @Test func readingsOlderThanTheHistorySpanAreIgnored() throws {
        let ancient = (0..<50).map { F.reading(.heartRate, 100, ago: days(15) + hours(Double($0))) }
        let readings = ReadingHistory(ancient + Self.history() + Self.recent([62, 62, 62]))
        #expect(try #require(detector.baseline(of: .heartRate, in: readings, at: F.now)).readingCount == 329)
    }

    @Test func typesWithoutASpreadFloorAreNotAnalysed() {
        let readings = ReadingHistory(
            Self.history(.steps, center: 500) + Self.recent([9_000, 9_000, 9_000], type: .steps))
        #expect(detector.assessment(of: .steps, in: readings, at: F.now) == nil)
        var configuration = BaselineDetector.Configuration()
        configuration.spreadFloors[.steps] = 50
        #expect(
            BaselineDetector(configuration: configuration).assessment(of: .steps, in: readings, at: F.now)?.isDeparture
                == true)
    }

    @Test func defaultsMatchTheDocumentedValues() {
        let configuration = BaselineDetector.Configuration()
        #expect(configuration.historySpan == days(14))
        #expect(configuration.excludedRecentSpan == hours(6))
        #expect(configuration.minimumBaselineReadings == 20)
        #expect(configuration.recentWindow == hours(2))
        #expect(configuration.minimumRecentReadings == 3)
        #expect(configuration.threshold == 3)
        #expect(configuration.spreadFloors[.heartRate] == 2)
        #expect(configuration.spreadFloors[.spo2] == 1)
        #expect(configuration.spreadFloors[.bodyTemperature] == 0.2)
        #expect(configuration.spreadFloors[.systolic] == 4)
        #expect(configuration.spreadFloors[.bodyWeight] == 0.3)
        #expect(configuration.spreadFloors[.bloodGlucose] == 8)
    }
}
