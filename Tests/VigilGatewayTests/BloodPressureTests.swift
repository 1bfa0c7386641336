import Foundation
import Testing
import VigilCore
import VigilGateway

/// Blood pressure: panels, separate components, and diastolic below systolic.
struct BloodPressureTests {
    @Test func panelBecomesSystolicAndDiastolicReadings() throws {
        let message = try Fixture.parsed(
            #"{"readings": [{"type": "bloodPressure", "systolic": 128, "diastolic": 84}]}"#)
        #expect(message.readings.map(\.type) == [.systolic, .diastolic])
        #expect(message.readings.map(\.value) == [128, 84])
        #expect(message.readings.map(\.originalValue) == ["128", "84"])
    }

    @Test func panelInKilopascalsConvertsBothComponents() throws {
        let message = try Fixture.parsed(
            #"{"readings": [{"type": "bloodPressure", "systolic": 16, "diastolic": 10.5, "unit": "kPa"}]}"#)
        #expect(message.readings.map(\.value) == [16 * 7.50062, 10.5 * 7.50062])
        #expect(message.readings.map(\.originalUnit) == ["kPa", "kPa"])
    }

    @Test func diastolicNotBelowSystolicIsRejected() throws {
        let body = """
            {"readings": [
              {"type": "bloodPressure", "systolic": 120, "diastolic": 120},
              {"type": "bloodPressure", "systolic": 80, "diastolic": 120}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.isEmpty)
        #expect(
            message.rejected.map(\.rejection)
                == Array(repeating: ReadingRejection(.diastolicNotBelowSystolic, type: .systolic), count: 2))
    }

    @Test func implausibleComponentRejectsTheWholePanel() throws {
        let message = try Fixture.parsed(
            #"{"readings": [{"type": "bloodPressure", "systolic": 128, "diastolic": 10}]}"#)
        #expect(message.readings.isEmpty)
        #expect(message.rejected.map(\.rejection) == [ReadingRejection(.implausibleValue, type: .diastolic)])
    }

    @Test func panelMissingAComponentIsInvalid() throws {
        let body = """
            {"readings": [
              {"type": "bloodPressure", "diastolic": 80},
              {"type": "bloodPressure", "systolic": 120},
              {"type": "bloodPressure", "value": 120}
            ]}
            """
        #expect(
            try Fixture.rejections(body) == [
                ReadingRejection(.invalidValue, type: .systolic), ReadingRejection(.invalidValue, type: .diastolic),
                ReadingRejection(.invalidValue, type: .systolic),
            ])
    }

    @Test func separateComponentsAreAccepted() throws {
        let body = #"{"readings": [{"type": "systolic", "value": 128}, {"type": "diastolic", "value": 84}]}"#
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.type) == [.systolic, .diastolic])
        #expect(message.rejected.isEmpty)
    }

    @Test func separateComponentsWithDiastolicNotBelowSystolicAreBothRejected() throws {
        let body = """
            {"readings": [
              {"type": "heartRate", "value": 72},
              {"type": "diastolic", "value": 128},
              {"type": "systolic", "value": 84}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.map(\.type) == [.heartRate])
        #expect(
            message.rejected.map(\.rejection) == [
                ReadingRejection(.diastolicNotBelowSystolic, type: .diastolic),
                ReadingRejection(.diastolicNotBelowSystolic, type: .systolic),
            ])
        #expect(
            message.rejected.map { String(decoding: $0.fragment, as: UTF8.self) } == [
                #"{"type": "diastolic", "value": 128}"#, #"{"type": "systolic", "value": 84}"#,
            ])
    }

    @Test func separateComponentsAtDifferentTimesAreNotPaired() throws {
        let body = """
            {"readings": [
              {"type": "systolic", "value": 84, "time": "2026-11-27T09:00:00Z"},
              {"type": "diastolic", "value": 128, "time": "2026-11-27T09:30:00Z"}
            ]}
            """
        let message = try Fixture.parsed(body)
        #expect(message.readings.count == 2)
        #expect(message.rejected.isEmpty)
    }
}
