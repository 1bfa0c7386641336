import Foundation
import Testing
import VigilCore
import VigilGateway

/// When a reading was measured: its own time, the message's, the receive time;
/// and the window around the receive time it must fall in.
struct ReadingTimeTests {
    @Test func defaultPolicyAllowsFiveMinutesAheadThirtyDaysBackAndAThousandReadings() {
        let policy = DeviceMessageParser.Policy()
        #expect(policy.maximumFutureSkew == .seconds(300))
        #expect(policy.maximumAge == .seconds(30 * 86_400))
        #expect(policy.maximumReadingsPerMessage == 1000)
    }

    @Test func readingTimeDefaultsToMessageTimeThenReceiveTime() throws {
        let withMessageTime = try Fixture.parsed(
            """
            {"time": "2026-11-27T09:50:00Z", "readings": [
              {"type": "heartRate", "value": 72, "time": "2026-11-27T09:40:00Z"},
              {"type": "heartRate", "value": 73}
            ]}
            """)
        #expect(
            withMessageTime.readings.map(\.measuredAt) == [
                Fixture.time("2026-11-27T09:40:00Z"), Fixture.time("2026-11-27T09:50:00Z"),
            ])
        let withoutMessageTime = try Fixture.single(#"{"readings": [{"type": "heartRate", "value": 72}]}"#)
        #expect(withoutMessageTime.measuredAt == Fixture.receivedAt)
        #expect(withoutMessageTime.receivedAt == Fixture.receivedAt)
    }

    @Test func readingFiveMinutesAndOneSecondInTheFutureIsRejected() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72, "time": "2026-11-27T10:05:00Z"},
              {"type": "heartRate", "value": 73, "time": "2026-11-27T10:05:01Z"}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.value) == [72])
        #expect(message.rejected.map(\.rejection) == [ReadingRejection(.timeInFuture, type: .heartRate)])
    }

    @Test func readingOlderThanMaximumAgeIsRejected() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72, "time": "2026-10-28T10:00:00Z"},
              {"type": "heartRate", "value": 73, "time": "2026-10-28T09:59:59.999Z"}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.value) == [72])
        #expect(message.rejected.map(\.rejection) == [ReadingRejection(.timeTooOld, type: .heartRate)])
    }

    @Test func messageTimeOutsideTheWindowRejectsTheReadingsThatInheritIt() throws {
        let body = """
            {"time": "2026-11-27T11:00:00Z", "readings": [
              {"type": "heartRate", "value": 72},
              {"type": "bloodPressure", "systolic": 120, "diastolic": 80},
              {"type": "heartRate", "value": 73, "time": "2026-11-27T10:00:00Z"}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.value) == [73])
        #expect(
            message.rejected.map(\.rejection) == [
                ReadingRejection(.timeInFuture, type: .heartRate), ReadingRejection(.timeInFuture, type: .systolic),
            ])
    }

    @Test func windowFollowsThePolicy() throws {
        let policy = DeviceMessageParser.Policy(maximumFutureSkew: .seconds(0), maximumAge: .seconds(60))
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72, "time": "2026-11-27T10:00:00Z"},
              {"type": "heartRate", "value": 73, "time": "2026-11-27T10:00:00.001Z"},
              {"type": "heartRate", "value": 74, "time": "2026-11-27T09:58:59Z"}
            ]}
            """
        let message = try Fixture.parsed(body, policy: policy)
        #expect(message.readings.map(\.value) == [72])
        #expect(message.rejected.map(\.rejection.reason) == [.timeInFuture, .timeTooOld])
    }

    static let unreadableTimes = [
        #""yesterday""#, "1795773600", "true", #""2026-11-27T10:00:00""#, #""2026-11-27 10:00:00Z""#,
        #""2026-11-27""#, #""2026-02-30T10:00:00Z""#, #""2026-11-27T24:00:00Z""#, #""2026-11-27T10:00:60Z""#,
        #""2026-11-27T10:00:00Zjunk""#, #""2026-11-27T10:00:00.Z""#, #""2026-11-27T10:00:00+0100""#,
        #""2026-11-27T10:00:00+01""#, #"" 2026-11-27T10:00:00Z""#,
    ]

    @Test(arguments: unreadableTimes)
    func unreadableReadingTimeIsRejected(_ time: String) throws {
        let body = #"{"readings": [{"type": "spo2", "value": 97, "time": \#(time)}]}"#
        #expect(try Fixture.rejections(body) == [ReadingRejection(.invalidTime, type: .spo2)])
    }

    static let readableTimes = [
        "2026-11-27T10:00:00Z", "2026-11-27T10:00:00.123+01:00", "2026-11-27T10:00:00.5Z",
        "2026-11-27T04:30:00-05:30", "2026-11-26T23:59:59.999-00:00", "2026-11-01T00:00:00+14:00",
        "2026-10-29T00:00:00.000Z", "2028-02-29T12:00:00Z",
    ]

    @Test(arguments: readableTimes)
    func readingTimesAgreeWithFoundation(_ time: String) throws {
        let receivedAt = Fixture.time("2029-01-01T00:00:00Z")
        let policy = DeviceMessageParser.Policy(maximumAge: .seconds(4 * 365 * 24 * 3600))
        let body = #"{"readings": [{"type": "spo2", "value": 97, "time": "\#(time)"}]}"#
        let message = try Fixture.parsed(body, receivedAt: receivedAt, policy: policy)
        #expect(message.readings.first?.measuredAt == Fixture.time(time))
    }

    @Test func lowercaseSeparatorsAreAcceptedAsRFC3339Allows() throws {
        let reading = try Fixture.single(
            #"{"readings": [{"type": "spo2", "value": 97, "time": "2026-11-27t09:00:00z"}]}"#)
        #expect(reading.measuredAt == Fixture.time("2026-11-27T09:00:00Z"))
    }

    @Test func fractionDigitsBeyondMillisecondsAreDropped() throws {
        let reading = try Fixture.single(
            #"{"readings": [{"type": "spo2", "value": 97, "time": "2026-11-27T09:00:00.123987654Z"}]}"#)
        #expect(reading.measuredAt == Fixture.time("2026-11-27T09:00:00.123Z"))
    }
}
