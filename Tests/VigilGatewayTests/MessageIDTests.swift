import Foundation
import Testing
import VigilCore
import VigilGateway

/// Where a message's id comes from, and that every reading carries it.
struct MessageIDTests {
    @Test func messageIdComesFromBodyThenTransport() throws {
        let fromBody = try Fixture.parsed(#"{"messageId": "body-1", "heartRate": 72}"#, transportMessageID: "mid-1")
        #expect(fromBody.messageID == "body-1")
        #expect(fromBody.readings.map(\.messageID) == ["body-1"])

        let fromTransport = try Fixture.parsed(#"{"heartRate": 72}"#, transportMessageID: "mid-1")
        #expect(fromTransport.messageID == "mid-1")
        #expect(fromTransport.readings.map(\.messageID) == ["mid-1"])

        let none = try Fixture.parsed(#"{"heartRate": 72}"#)
        #expect(none.messageID == nil)
        #expect(none.readings.map(\.messageID) == [nil])
    }

    @Test func emptyOrNullMessageIdFallsBackToTransport() throws {
        #expect(
            try Fixture.parsed(#"{"messageId": "", "heartRate": 72}"#, transportMessageID: "mid-1").messageID == "mid-1"
        )
        #expect(
            try Fixture.parsed(#"{"messageId": null, "heartRate": 72}"#, transportMessageID: "mid-1").messageID
                == "mid-1")
        #expect(try Fixture.parsed(#"{"heartRate": 72}"#, transportMessageID: "").messageID == nil)
    }

    @Test func messageIdLongerThan128BytesIsRefused() throws {
        let longest = String(repeating: "a", count: 128)
        #expect(try Fixture.parsed(#"{"messageId": "\#(longest)", "heartRate": 72}"#).messageID == longest)
        #expect(Fixture.unparseable(#"{"messageId": "\#(longest)a", "heartRate": 72}"#) == .invalidMessageID)
        #expect(Fixture.unparseable(#"{"heartRate": 72}"#, transportMessageID: longest + "a") == .invalidMessageID)
    }

    @Test func transportIdIsIgnoredWhenTheBodyHasOne() throws {
        let tooLong = String(repeating: "a", count: 200)
        #expect(
            try Fixture.parsed(#"{"messageId": "body-1", "heartRate": 72}"#, transportMessageID: tooLong).messageID
                == "body-1")
    }
}
