import Foundation
import Testing
import VigilCore
import VigilGateway

/// What a rejected reading keeps so it can be quarantined and replayed.
struct RejectedReadingTests {
    @Test func fragmentIsTheReadingExactlyAsSent() throws {
        let message = try Fixture.parsed(#"{"readings": [ {"type" : "heartRate",  "value": 400 } ]}"#)
        let rejected = try #require(message.rejected.first)
        #expect(String(decoding: rejected.fragment, as: UTF8.self) == #"{"type" : "heartRate",  "value": 400 }"#)
        #expect(rejected.form == .native)
    }

    @Test func replayBodyCarriesTheInheritedMessageTime() throws {
        let body = """
            {"messageId": "m1", "time": "2026-11-27T09:00:00Z",
             "readings": [{"type": "heartRate", "value": 72, "unit": "Hz"}]}
            """
        let rejected = try #require(Fixture.parsed(body).rejected.first)
        #expect(
            String(decoding: rejected.replayBody, as: UTF8.self)
                == #"{"time":"2026-11-27T09:00:00Z","readings":[{"type": "heartRate", "value": 72, "unit": "Hz"}]}"#)
    }

    @Test func replayingAFlatReadingAfterTheFixAcceptsItAtItsOriginalTime() throws {
        let body = #"{"time": "2026-11-27T09:00:00Z", "heartRate": 72, "steps": 200000}"#
        let rejected = try #require(Fixture.parsed(body).rejected.first)
        #expect(rejected.rejection == ReadingRejection(.implausibleValue, type: .steps))
        #expect(
            String(decoding: rejected.replayBody, as: UTF8.self) == #"{"time":"2026-11-27T09:00:00Z","steps":200000}"#)

        let replayed = try Fixture.parsed(
            String(decoding: rejected.replayBody, as: UTF8.self), transportMessageID: "m1")
        #expect(replayed.rejected.map(\.rejection) == [rejected.rejection])

        let withoutTime = try #require(Fixture.parsed(#"{"foo": 1}"#).rejected.first)
        #expect(String(decoding: withoutTime.replayBody, as: UTF8.self) == #"{"foo":1}"#)
    }

    @Test func replayedNativeReadingIsAcceptedOnceValid() throws {
        let body = """
            {"time": "2026-11-27T09:00:00Z",
             "readings": [{"type": "heartRate", "value": 72, "time": "2026-11-27T10:06:00Z"}]}
            """
        let rejected = try #require(Fixture.parsed(body).rejected.first)
        #expect(rejected.rejection == ReadingRejection(.timeInFuture, type: .heartRate))
        let lenient = DeviceMessageParser.Policy(maximumFutureSkew: .seconds(600))
        let replayed = try Fixture.parsed(
            String(decoding: rejected.replayBody, as: UTF8.self), transportMessageID: "m1", policy: lenient)
        #expect(replayed.readings.map(\.measuredAt) == [Fixture.time("2026-11-27T10:06:00Z")])
        #expect(replayed.readings.map(\.messageID) == ["m1"])
    }
}
