import Foundation
import Testing
import VigilCore
import VigilGateway

/// The flat body form: keys are type names, values are in canonical units.
struct FlatFormTests {
    @Test func flatFormUsesCanonicalUnits() throws {
        let body = """
            {"heartRate": 72, "spo2": 97, "bodyTemperature": 37.5, "bodyWeight": 81.7, "supplementalOxygen": false,
             "consciousness": "A", "time": "2026-11-27T09:58:00Z"}
            """
        let message = try Fixture.parsed(body)
        #expect(message.rejected.isEmpty)
        #expect(
            message.readings.map(\.type) == [
                .heartRate, .spo2, .bodyTemperature, .bodyWeight, .supplementalOxygen, .consciousness,
            ])
        #expect(message.readings.map(\.value) == [72, 97, 37.5, 81.7, 0, 0])
        #expect(message.readings.allSatisfy { $0.originalUnit == nil })
        #expect(message.readings.allSatisfy { $0.measuredAt == Fixture.time("2026-11-27T09:58:00Z") })
    }

    @Test func flatValuesAreNotConverted() throws {
        let body = #"{"bodyTemperature": 99.1, "spo2": 0.97}"#
        #expect(
            try Fixture.rejections(body) == [
                ReadingRejection(.implausibleValue, type: .bodyTemperature),
                ReadingRejection(.implausibleValue, type: .spo2),
            ])
    }

    @Test func unknownFlatKeyIsRejectedWithItsFragment() throws {
        let message = try Fixture.parsed(#"{"heartRate": 72, "battery" : {"level": 88}, "messageId": "m1"}"#)
        #expect(message.readings.map(\.type) == [.heartRate])
        #expect(message.rejected.map(\.rejection) == [ReadingRejection(.unknownType)])
        #expect(message.rejected.first?.form == .flat)
        #expect(
            message.rejected.first.map { String(decoding: $0.fragment, as: UTF8.self) } == #"{"battery":{"level": 88}}"#
        )
    }

    @Test func flatBloodPressureObjectGivesBothComponents() throws {
        let message = try Fixture.parsed(#"{"bloodPressure": {"systolic": 128, "diastolic": 84}, "heartRate": 70}"#)
        #expect(message.readings.map(\.type) == [.systolic, .diastolic, .heartRate])
        #expect(message.readings.map(\.value) == [128, 84, 70])
    }

    @Test func flatBloodPressureThatIsNotAnObjectIsInvalid() throws {
        #expect(
            try Fixture.rejections(#"{"bloodPressure": "128/84"}"#) == [
                ReadingRejection(.invalidValue, type: .systolic)
            ])
    }

    @Test func flatSystolicAndDiastolicArePaired() throws {
        let accepted = try Fixture.parsed(#"{"systolic": 128, "diastolic": 84}"#)
        #expect(accepted.readings.map(\.value) == [128, 84])
        let inverted = try Fixture.parsed(#"{"systolic": 84, "diastolic": 128}"#)
        #expect(inverted.readings.isEmpty)
        #expect(inverted.rejected.map(\.rejection.reason) == [.diastolicNotBelowSystolic, .diastolicNotBelowSystolic])
    }

    @Test func flatBodyWithOnlyReservedKeysHasNoReadings() {
        #expect(Fixture.unparseable(#"{"time": "2026-11-27T10:00:00Z", "messageId": "m1"}"#) == .noReadings)
    }

    @Test func flatBooleanIsNotANumber() throws {
        #expect(
            try Fixture.rejections(#"{"heartRate": true, "supplementalOxygen": 1}"#).map(\.reason) == [
                .invalidValue, .invalidValue,
            ])
    }
}
