import Foundation
import Testing
import VigilCore
import VigilGateway

/// Bodies that cannot be read as a message at all: quarantined whole.
struct UnparseableBodyTests {
    static let bodies: [(String, MessageRejection.Reason)] = [
        ("not json", .invalidJSON),
        ("", .invalidJSON),
        (#"{"heartRate": 72"#, .invalidJSON),
        (#"{"heartRate": 72} trailing"#, .invalidJSON),
        ("[]", .invalidBody),
        (#"[{"heartRate": 72}]"#, .invalidBody),
        ("42", .invalidBody),
        (#""text""#, .invalidBody),
        ("null", .invalidBody),
        ("{}", .noReadings),
        (#"{"readings": []}"#, .noReadings),
        (#"{"readings": {"type": "heartRate", "value": 72}}"#, .invalidBody),
        (#"{"readings": null}"#, .invalidBody),
        (#"{"readings": [], "readings": [{"type": "heartRate", "value": 72}]}"#, .invalidBody),
        (#"{"time": "2026-11-27T10:00:00Z", "time": "2026-11-27T10:00:00Z", "heartRate": 72}"#, .invalidBody),
        (#"{"time": "yesterday", "heartRate": 72}"#, .invalidTime),
        (#"{"time": "2026-11-27T10:00:00", "readings": [{"type": "heartRate", "value": 72}]}"#, .invalidTime),
        (#"{"time": 1795773600, "heartRate": 72}"#, .invalidTime),
        (#"{"messageId": 42, "heartRate": 72}"#, .invalidMessageID),
    ]

    @Test(arguments: bodies)
    func unparseableBodiesAreReportedWhole(_ body: String, _ reason: MessageRejection.Reason) {
        #expect(Fixture.unparseable(body) == reason)
    }

    @Test func tooManyReadingsAreReportedWhole() throws {
        let policy = DeviceMessageParser.Policy(maximumReadingsPerMessage: 2)
        let native = #"{"readings": [{"type": "heartRate", "value": 72}, {"type": "heartRate", "value": 72}, 1]}"#
        let flat = #"{"heartRate": 72, "spo2": 97, "steps": 10, "time": "2026-11-27T10:00:00Z"}"#
        for body in [native, flat] {
            #expect(Fixture.outcome(body, policy: policy) == .unparseable(MessageRejection(.tooManyReadings)))
        }
        let panels = """
            {"readings": [
              {"type": "bloodPressure", "systolic": 120, "diastolic": 80}, {"type": "heartRate", "value": 72}
            ]}
            """
        #expect(try Fixture.parsed(panels, policy: policy).readings.count == 3)
    }

    @Test func rejectionDescribesOnlyTheCode() {
        #expect(MessageRejection(.invalidJSON).description == "invalid_json")
        #expect(MessageRejection(.tooManyReadings).code == "too_many_readings")
    }
}
