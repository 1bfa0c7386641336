import Foundation
import Testing
import VigilCore
import VigilGateway

/// Readings in the `readings` array: types, codes, units and value kinds.
struct NativeFormTests {
    struct CodeCase: Sendable, CustomTestStringConvertible {
        let code: String
        let type: VitalType
        let value: String
        var testDescription: String { code }
    }

    static let codes: [CodeCase] = [
        CodeCase(code: "8867-4", type: .heartRate, value: "72"),
        CodeCase(code: "9279-1", type: .respiratoryRate, value: "16"),
        CodeCase(code: "59408-5", type: .spo2, value: "97"),
        CodeCase(code: "2708-6", type: .spo2, value: "97"),
        CodeCase(code: "8310-5", type: .bodyTemperature, value: "37"),
        CodeCase(code: "8480-6", type: .systolic, value: "120"),
        CodeCase(code: "8462-4", type: .diastolic, value: "80"),
        CodeCase(code: "29463-7", type: .bodyWeight, value: "80"),
        CodeCase(code: "2339-0", type: .bloodGlucose, value: "100"),
        CodeCase(code: "15074-8", type: .bloodGlucose, value: "100"),
        CodeCase(code: "3151-8", type: .inhaledOxygenFlow, value: "2"),
        CodeCase(code: "55423-8", type: .steps, value: "1200"),
    ]

    @Test(arguments: codes)
    func loincCodesAndAlternativesMapToTypes(_ row: CodeCase) throws {
        let reading = try Fixture.single(#"{"readings": [{"code": "\#(row.code)", "value": \#(row.value)}]}"#)
        #expect(reading.type == row.type)
        #expect(reading.value == Double(row.value))
    }

    @Test func bloodPressurePanelCodeGivesBothComponents() throws {
        let message = try Fixture.parsed(#"{"readings": [{"code": "85354-9", "systolic": 120, "diastolic": 80}]}"#)
        #expect(message.readings.map(\.type) == [.systolic, .diastolic])
    }

    @Test func unknownTypeOrCodeIsRejected() throws {
        let body = """
            {"readings": [
              {"type": "heartrate", "value": 72}, {"code": "1234-5", "value": 1}, {"value": 1}, {"type": 7, "value": 1}
            ]}
            """
        #expect(try Fixture.rejections(body) == Array(repeating: ReadingRejection(.unknownType), count: 4))
    }

    @Test func typeAndCodeMustAgree() throws {
        let agreeing = try Fixture.single(#"{"readings": [{"type": "heartRate", "code": "8867-4", "value": 72}]}"#)
        #expect(agreeing.type == .heartRate)
        let conflicting = #"{"readings": [{"type": "heartRate", "code": "9279-1", "value": 72}]}"#
        #expect(try Fixture.rejections(conflicting) == [ReadingRejection(.unknownType)])
    }

    @Test func fahrenheitIsConverted() throws {
        let reading = try Fixture.single(
            #"{"readings": [{"type": "bodyTemperature", "value": 98.6, "unit": "[degF]"}]}"#)
        #expect(abs(reading.value - 37) < 1e-9)
        #expect(reading.originalValue == "98.6")
        #expect(reading.originalUnit == "[degF]")
    }

    @Test func spo2FractionIsReadAsPercent() throws {
        let reading = try Fixture.single(#"{"readings": [{"type": "spo2", "value": 0.97, "unit": "1"}]}"#)
        #expect(abs(reading.value - 97) < 1e-9)
        #expect(reading.originalValue == "0.97")
        #expect(reading.originalUnit == "1")
    }

    @Test func glucoseInMillimolesIsConverted() throws {
        let reading = try Fixture.single(#"{"readings": [{"code": "15074-8", "value": 5.5, "unit": "mmol/L"}]}"#)
        #expect(abs(reading.value - 99.088) < 1e-9)
    }

    @Test func booleanIsNotANumber() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": true},
              {"type": "supplementalOxygen", "value": 1},
              {"type": "heartRate", "value": "72"},
              {"type": "supplementalOxygen", "value": true},
              {"type": "supplementalOxygen", "value": false}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(
            message.rejected.map(\.rejection) == [
                ReadingRejection(.invalidValue, type: .heartRate),
                ReadingRejection(.invalidValue, type: .supplementalOxygen),
                ReadingRejection(.invalidValue, type: .heartRate),
            ])
        #expect(message.readings.map(\.value) == [1, 0])
        #expect(message.readings.map(\.originalValue) == ["true", "false"])
    }

    @Test(arguments: zip(["A", "C", "V", "P", "U", "a"], [0.0, 1, 2, 3, 4, 0]))
    func consciousnessLettersAreStoredAsOrdinals(_ letter: String, _ ordinal: Double) throws {
        let reading = try Fixture.single(#"{"readings": [{"type": "consciousness", "value": "\#(letter)"}]}"#)
        #expect(reading.value == ordinal)
        #expect(reading.originalValue == letter)
    }

    @Test func consciousnessOutsideACVPUIsInvalid() throws {
        let body = #"{"readings": [{"type": "consciousness", "value": "X"}, {"type": "consciousness", "value": 0}]}"#
        #expect(
            try Fixture.rejections(body)
                == Array(repeating: ReadingRejection(.invalidValue, type: .consciousness), count: 2))
    }

    @Test func unknownUnitIsRejected() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72, "unit": "Hz"},
              {"type": "heartRate", "value": 72, "unit": 1},
              {"type": "supplementalOxygen", "value": true, "unit": "%"}
            ]}
            """
        #expect(
            try Fixture.rejections(body) == [
                ReadingRejection(.unknownUnit, type: .heartRate), ReadingRejection(.unknownUnit, type: .heartRate),
                ReadingRejection(.unknownUnit, type: .supplementalOxygen),
            ])
    }

    @Test func implausibleValueIsRejected() throws {
        let body = #"{"readings": [{"type": "heartRate", "value": 400}, {"type": "spo2", "value": 97, "unit": "1"}]}"#
        #expect(
            try Fixture.rejections(body) == [
                ReadingRejection(.implausibleValue, type: .heartRate), ReadingRejection(.implausibleValue, type: .spo2),
            ])
    }

    @Test func wrongKindOrNonFiniteValueIsInvalid() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 1e400},
              {"type": "heartRate", "value": [72]},
              {"type": "heartRate", "value": {"bpm": 72}},
              {"type": "heartRate", "value": null},
              {"type": "heartRate"}
            ]}
            """
        #expect(
            try Fixture.rejections(body)
                == Array(repeating: ReadingRejection(.invalidValue, type: .heartRate), count: 5))
    }

    @Test func readingThatIsNotAnObjectIsInvalid() throws {
        let message = try Fixture.parsed(#"{"readings": [72, "heartRate", null, [1]]}"#)
        #expect(message.rejected.map(\.rejection) == Array(repeating: ReadingRejection(.invalidValue), count: 4))
        #expect(
            message.rejected.map { String(decoding: $0.fragment, as: UTF8.self) } == [
                "72", #""heartRate""#, "null", "[1]",
            ])
    }

    @Test func readingWithARepeatedMemberIsInvalid() throws {
        let body = #"{"readings": [{"type": "heartRate", "value": 72, "value": 80}]}"#
        #expect(try Fixture.rejections(body) == [ReadingRejection(.invalidValue)])
    }

    @Test func oneBadReadingDoesNotSinkTheGoodOnes() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72},
              {"type": "heartRate", "value": 4000},
              {"type": "unicorns", "value": 1},
              "garbage",
              {"type": "spo2", "value": 97}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.type) == [.heartRate, .spo2])
        #expect(message.rejected.map(\.rejection.reason) == [.implausibleValue, .unknownType, .invalidValue])
    }

    @Test func nullOptionalMembersCountAsAbsent() throws {
        let reading = try Fixture.single(
            """
            {"time": null, "messageId": null,
             "readings": [{"type": "heartRate", "code": null, "value": 72, "unit": null, "time": null}]}
            """)
        #expect(reading.value == 72)
        #expect(reading.originalUnit == nil)
        #expect(reading.measuredAt == Fixture.receivedAt)
        #expect(reading.messageID == nil)
    }

    @Test func unknownMembersAreIgnored() throws {
        let reading = try Fixture.single(
            #"{"battery": 80, "readings": [{"type": "heartRate", "value": 72, "quality": "good"}]}"#)
        #expect(reading.value == 72)
    }

    @Test func originalValueIsTheNumberAsSent() throws {
        let reading = try Fixture.single(#"{"readings": [{"type": "heartRate", "value": 72.0}]}"#)
        #expect(reading.value == 72)
        #expect(reading.originalValue == "72.0")
    }
}
