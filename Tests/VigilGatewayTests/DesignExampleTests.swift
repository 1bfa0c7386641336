import Foundation
import Testing
import VigilCore
import VigilGateway

/// The example body of DESIGN.md, "Device message body", end to end.
struct DesignExampleTests {
    static let body = """
        {
          "messageId": "optional; else $.mid / iothub-messageid; dedup key per device",
          "time": "2026-11-27T10:00:00Z",
          "readings": [
            {"type": "heartRate", "value": 72},
            {"type": "spo2", "value": 97, "unit": "%"},
            {"type": "bloodPressure", "systolic": 128, "diastolic": 84, "unit": "mm[Hg]"},
            {"type": "bodyTemperature", "value": 99.1, "unit": "[degF]", "time": "2026-11-27T09:59:30Z"},
            {"code": "29463-7", "value": 180.2, "unit": "[lb_av]"}
          ]
        }
        """

    @Test func designExampleParsesToCanonicalReadings() throws {
        let receivedAt = Fixture.time("2026-11-27T10:00:05Z")
        let message = try Fixture.parsed(Self.body, transportMessageID: "transport-id", receivedAt: receivedAt)
        let messageID = "optional; else $.mid / iothub-messageid; dedup key per device"
        #expect(message.messageID == messageID)
        #expect(message.rejected.isEmpty)
        #expect(
            message.readings.map(\.type) == [.heartRate, .spo2, .systolic, .diastolic, .bodyTemperature, .bodyWeight])

        let messageTime = Fixture.time("2026-11-27T10:00:00Z")
        for reading in message.readings {
            #expect(reading.patientID == Fixture.patient)
            #expect(reading.deviceID == Fixture.device)
            #expect(reading.receivedAt == receivedAt)
            #expect(reading.messageID == messageID)
            #expect(
                reading.measuredAt
                    == (reading.type == .bodyTemperature ? Fixture.time("2026-11-27T09:59:30Z") : messageTime))
        }

        let byType = Dictionary(uniqueKeysWithValues: message.readings.map { ($0.type, $0) })
        #expect(byType[.heartRate]?.value == 72)
        #expect(byType[.heartRate]?.originalUnit == nil)
        #expect(byType[.spo2]?.value == 97)
        #expect(byType[.spo2]?.originalUnit == "%")
        #expect(byType[.systolic]?.value == 128)
        #expect(byType[.diastolic]?.value == 84)
        #expect(byType[.diastolic]?.originalUnit == "mm[Hg]")

        let temperature = try #require(byType[.bodyTemperature])
        #expect(abs(temperature.value - 37.2778) < 0.0001)
        #expect(temperature.originalValue == "99.1")
        #expect(temperature.originalUnit == "[degF]")

        let weight = try #require(byType[.bodyWeight])
        #expect(abs(weight.value - 81.737) < 0.001)
        #expect(weight.originalValue == "180.2")
        #expect(weight.originalUnit == "[lb_av]")
    }
}
