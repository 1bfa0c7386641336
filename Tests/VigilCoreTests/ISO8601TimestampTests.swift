import Foundation
import Testing
import VigilCore

/// Vigil's own ISO 8601 texts read as Foundation's, across leap years and
/// centuries, except that the milliseconds are the ones Vigil stores:
/// Foundation's format style truncates the binary fraction and can write one
/// millisecond less (…00.001 as …00.000).
struct ISO8601TimestampTests {
    static let moments: [Date] = {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, 999, 1000, 86_399_999, 951_782_400_000, 951_868_799_999, 4_107_542_400_001, 1_795_845_164_750]
        let spread = (0..<2_000).map { _ in Int64.random(in: 0...13_569_465_600_000, using: &generator) }
        return (edges + spread).map(Date.init(millisecondsSince1970:))
    }()

    @Test func millisecondsAreTheStoredOnes() {
        for moment in Self.moments {
            let whole = moment.formatted(.iso8601).dropLast()
            let millisecond = moment.millisecondsSince1970 % 1000
            let expected = whole + "." + String(format: "%03d", Int(millisecond)) + "Z"
            #expect(ISO8601Timestamp.withMilliseconds(moment) == expected, "\(moment.millisecondsSince1970)")
        }
    }

    @Test func wholeSecondsMatchFoundation() {
        for moment in Self.moments {
            #expect(ISO8601Timestamp.wholeSeconds(moment) == moment.formatted(.iso8601), "\(moment.millisecondsSince1970)")
        }
    }

    @Test func yearsBeforeOneBCGetASign() {
        let moment = Date(timeIntervalSince1970: -70_000_000_000)
        #expect(ISO8601Timestamp.wholeSeconds(moment).hasPrefix("-0249-"))
        #expect(ISO8601Timestamp.padded(7, to: 3) == "007")
        #expect(ISO8601Timestamp.padded(12_345, to: 2) == "12345")
    }

    /// From 1621 on: before the Gregorian reform Foundation's calendar is
    /// Julian, while ISO 8601 (and `UTCDateParts`) extend the Gregorian one.
    @Test func partsMatchTheGregorianCalendarInUTC() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let before1970 = (0..<500).map { Date(timeIntervalSince1970: Double($0) * -22_000_017.3) }
        for moment in Self.moments + before1970 {
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
            let parts = UTCDateParts(moment)
            #expect(
                [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]
                    == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second],
                "\(moment.timeIntervalSince1970)")
            #expect(UTCDateParts.startOfDay(moment) == calendar.dateInterval(of: .day, for: moment)?.start)
        }
    }
}
