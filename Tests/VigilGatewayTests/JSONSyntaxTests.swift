import Foundation
import Testing
import VigilCore
import VigilGateway

/// The JSON reader underneath: strict RFC 8259, numbers distinct from booleans.
struct JSONSyntaxTests {
    static let invalid = [
        #"{"heartRate": 072}"#, #"{"heartRate": +72}"#, #"{"heartRate": .5}"#, #"{"heartRate": 72.}"#,
        #"{"heartRate": 7e}"#, #"{"heartRate": NaN}"#, #"{"heartRate": Infinity}"#, #"{"heartRate": -}"#,
        #"{"heartRate": 72,}"#, #"{'heartRate': 72}"#, #"{heartRate: 72}"#, #"{"heartRate" 72}"#,
        #"{"heartRate": tru}"#, #"{"heartRate": True}"#, "{\"a\tb\": 72}", #"{"a\x": 72}"#, #"{"\ud800": 72}"#,
        #"{"\udc00": 72}"#, #"{"\u12": 72}"#, #"{"readings": [1 2]}"#, #"{"readings": [1,]}"#, "{\"a\": 1}\u{0}",
        "{\"a\": 1}}", "{\"a\": 1}{",
    ]

    @Test(arguments: invalid)
    func malformedJSONIsInvalid(_ body: String) {
        #expect(Fixture.unparseable(body) == .invalidJSON)
    }

    @Test func invalidUTF8IsInvalid() {
        var body = Data(#"{"heartRate": 72, "x"#.utf8)
        body.append(contentsOf: [0xC3, 0x28])
        body.append(contentsOf: #"": 1}"#.utf8)
        let outcome = DeviceMessageParser().parse(
            body, deviceID: Fixture.device, patientID: Fixture.patient, transportMessageID: nil,
            receivedAt: Fixture.receivedAt)
        #expect(outcome == .unparseable(MessageRejection(.invalidJSON)))
    }

    @Test func nestingDeeperThanThirtyTwoLevelsIsInvalid() throws {
        let deep =
            #"{"heartRate": 72, "x": "# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        #expect(Fixture.unparseable(deep) == .invalidJSON)
        let shallow =
            #"{"heartRate": 72, "x": "# + String(repeating: "[", count: 30) + String(repeating: "]", count: 30) + "}"
        #expect(try Fixture.parsed(shallow).readings.count == 1)
    }

    @Test(arguments: ["72", "72.0", "7.2e1", "7.2E+1", "720e-1", "720.00000000000000000000000e-1", "0.72e2"])
    func everyJSONNumberFormIsRead(_ number: String) throws {
        let reading = try Fixture.single(#"{"readings": [{"type": "heartRate", "value": \#(number)}]}"#)
        #expect(reading.value == 72)
        #expect(reading.originalValue == number)
    }

    @Test func decimalsAreReadToTheNearestDouble() throws {
        let values = ["36.6", "0.1", "37.123456789012345", "-0.0", "99.99999999999999"]
        for text in values {
            let message = try Fixture.parsed(#"{"readings": [{"type": "bodyTemperature", "value": \#(text)}]}"#)
            let expected = try #require(Double(text))
            if (25...45).contains(expected) {
                #expect(message.readings.first?.value == expected, "\(text)")
            } else {
                #expect(message.rejected.first?.rejection.reason == .implausibleValue, "\(text)")
            }
        }
    }

    @Test func escapesAreDecoded() throws {
        let body =
            #"{"messageId": "m\"1\\\/\u00e9\ud83d\ude00\n", "readings": [{"type": "heart\u0052ate", "value": 72}]}"#
        let message = try Fixture.parsed(body)
        #expect(message.messageID == "m\"1\\/é😀\n")
        #expect(message.readings.map(\.type) == [.heartRate])
    }

    @Test func whitespaceAndByteOrderMarkAreAccepted() throws {
        let body = "\u{FEFF} \r\n\t{ \"heartRate\" :\n72 , \"spo2\":97 }\n "
        #expect(try Fixture.parsed(body).readings.map(\.value) == [72, 97])
    }
}
