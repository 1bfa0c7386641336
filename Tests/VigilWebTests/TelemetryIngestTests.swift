import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// The HTTPS telemetry endpoint end to end: what is stored, what is refused
/// with which status and code, and that every refusal lands in quarantine.
struct TelemetryIngestTests {
    @Test func nativeBodyIsStoredInCanonicalUnitsAndVisibleThroughTheAPI() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let now = JSONCodingTime.now
            let body = """
                {"messageId":"m-1","time":"\(now)","readings":[
                  {"type":"heartRate","value":72},
                  {"type":"bloodPressure","systolic":128,"diastolic":84,"unit":"mm[Hg]"},
                  {"type":"bodyTemperature","value":99.1,"unit":"[degF]"},
                  {"code":"29463-7","value":180.2,"unit":"[lb_av]"}]}
                """
            let response = try await world.send(client, device: device, body: body)
            #expect(response.status == .noContent)
            let readings = try await world.readings(client)
            #expect(Set(readings.map(\.type)) == ["heartRate", "systolic", "diastolic", "bodyTemperature", "bodyWeight"])
            let temperature = try #require(readings.first { $0.type == "bodyTemperature" })
            #expect(abs(temperature.value - 37.2778) < 0.001)
            #expect(temperature.originalValue == "99.1" && temperature.originalUnit == "[degF]")
            #expect(readings.allSatisfy { $0.messageId == "m-1" })
        }
    }

    /// One row of the bad-input catalogue: a body, the status and code, and the quarantine reason.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let name: String
        let body: String
        let status: HTTPResponse.Status
        let code: String
        let reason: String
        var testDescription: String { name }
    }

    static let catalogue: [BadInput] = [
        BadInput(name: "implausible value", body: #"{"heartRate": 400}"#, status: .badRequest, code: "readings_rejected", reason: "implausible_value"),
        BadInput(name: "unknown type", body: #"{"readings":[{"type":"shoeSize","value":42}]}"#, status: .badRequest, code: "readings_rejected", reason: "unknown_type"),
        BadInput(name: "unknown unit", body: #"{"readings":[{"type":"heartRate","value":72,"unit":"Hz"}]}"#, status: .badRequest, code: "readings_rejected", reason: "unknown_unit"),
        BadInput(name: "in the future", body: #"{"time":"\#(JSONCodingTime.offset(seconds: 3_600))","heartRate":72}"#, status: .badRequest, code: "readings_rejected", reason: "time_in_future"),
        BadInput(name: "too old", body: #"{"time":"\#(JSONCodingTime.offset(seconds: -31 * 86_400))","heartRate":72}"#, status: .badRequest, code: "readings_rejected", reason: "time_too_old"),
        BadInput(name: "diastolic not below systolic", body: #"{"readings":[{"type":"bloodPressure","systolic":80,"diastolic":90}]}"#, status: .badRequest, code: "readings_rejected", reason: "diastolic_not_below_systolic"),
        BadInput(name: "not JSON", body: "heartRate=72", status: .badRequest, code: "invalid_message", reason: "invalid_json"),
        BadInput(name: "no readings", body: "{}", status: .badRequest, code: "invalid_message", reason: "no_readings"),
    ]

    @Test(arguments: catalogue)
    func badInputIsRefusedWithItsCodeAndQuarantined(_ row: BadInput) async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let response = try await world.send(client, device: device, body: row.body)
            #expect(response.status == row.status, "\(response.text)")
            #expect(response.errorCode == row.code)
            #expect(try await world.readings(client).isEmpty)
            let quarantine = try await world.quarantine(client)
            #expect(quarantine.map(\.reason) == [row.reason])
            #expect(quarantine.first?.deviceId == device.deviceId)
            #expect(quarantine.first?.state == "pending")
        }
    }

    @Test func oneBadReadingDoesNotSinkTheGoodOnes() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let response = try await world.send(client, device: device, body: #"{"heartRate": 72, "spo2": 30, "respiratoryRate": 16}"#)
            #expect(response.status == .noContent)
            #expect(Set(try await world.readings(client).map(\.type)) == ["heartRate", "respiratoryRate"])
            let quarantine = try await world.quarantine(client)
            #expect(quarantine.map(\.reason) == ["implausible_value"])
            #expect(quarantine.first?.payload.contains("30") == true)
        }
    }

    @Test func wrongContentTypeIs415AndQuarantined() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let response = try await world.send(client, device: device, body: #"{"heartRate": 72}"#, contentType: "text/plain")
            #expect(response.status == .unsupportedMediaType)
            #expect(response.errorCode == "unsupported_media_type")
            #expect(try await world.quarantine(client).map(\.reason) == ["unsupported_media_type"])
        }
    }

    @Test func bodyOver256KiBIs413AndQuarantined() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let padding = String(repeating: " ", count: 262_144)
            let response = try await world.send(client, device: device, body: #"{"heartRate": 72}"# + padding)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "payload_too_large")
            #expect(try await world.quarantine(client).map(\.reason) == ["payload_too_large"])
        }
    }

    @Test func exactly256KiBIsAccepted() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let start = #"{"heartRate": 72}"#
            let response = try await world.send(client, device: device, body: start + String(repeating: " ", count: 262_144 - start.utf8.count))
            #expect(response.status == .noContent)
        }
    }

    @Test func overTheRateLimitIs429WithRetryAfterAndOtherDevicesAreUnaffected() async throws {
        // A stopped clock: no tokens refill, so the burst of 200 is all the noisy device gets.
        let clock = TestClock()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let noisy = try await world.createDevice(client, id: "noisy")
            let quiet = try await world.createDevice(client, id: "quiet")
            var throttled: TestResponse?
            for _ in 0..<300 {
                let response = try await world.send(client, device: noisy, body: #"{"steps": 1}"#)
                if response.status == .tooManyRequests { throttled = response; break }
            }
            let refusal = try #require(throttled)
            #expect(refusal.errorCode == "throttled")
            #expect(Int(refusal.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await world.send(client, device: quiet, body: #"{"steps": 1}"#).status == .noContent)
        }
    }

    @Test func aRepeatedMessageIdIsAcknowledgedAndStoredOnce() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            for _ in 0..<3 {
                #expect(try await world.send(client, device: device, body: #"{"heartRate": 72}"#, messageID: "same-id").status == .noContent)
            }
            #expect(try await world.send(client, device: device, body: #"{"messageId":"body-id","heartRate": 73}"#).status == .noContent)
            #expect(try await world.send(client, device: device, body: #"{"messageId":"body-id","heartRate": 73}"#).status == .noContent)
            #expect(try await world.readings(client).map(\.value).sorted() == [72, 73])
        }
    }

    @Test func aDisabledDevicesMessageIsQuarantinedAndReplayedOnceReEnabled() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            _ = try await client.execute(uri: "/api/v1/devices/\(device.deviceId)/disable", method: .post, headers: world.headers(.admin))
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 72}"#).status == .unauthorized)
            let item = try #require(try await world.quarantine(client).first)
            #expect(item.reason == "device_disabled")

            let early = try await client.execute(uri: "/api/v1/quarantine/\(item.id)/replay", method: .post, headers: world.headers(.admin))
            #expect(early.status == .conflict)
            #expect(early.errorCode == "still_refused")

            _ = try await client.execute(uri: "/api/v1/devices/\(device.deviceId)/enable", method: .post, headers: world.headers(.admin))
            let replay = try await client.execute(uri: "/api/v1/quarantine/\(item.id)/replay", method: .post, headers: world.headers(.admin))
            #expect(replay.status == .ok, "\(replay.text)")
            #expect(try await world.readings(client).map(\.value) == [72])
            #expect(try await world.quarantine(client).first?.state == "replayed")
            let again = try await client.execute(uri: "/api/v1/quarantine/\(item.id)/replay", method: .post, headers: world.headers(.admin))
            #expect(again.status == .conflict)
            #expect(try await world.readings(client).count == 1)
        }
    }

    @Test func quarantineIsForAdminsOnly() async throws {
        try await TestWorld.with { world, client in
            for caller in [TestWorld.Caller.assignedClinician, .patientA] {
                let response = try await client.execute(uri: "/api/v1/quarantine", method: .get, headers: world.headers(caller))
                #expect(response.status == .forbidden)
            }
        }
    }
}

/// ISO 8601 times relative to now, for message bodies.
enum JSONCodingTime {
    static var now: String { offset(seconds: 0) }
    static func offset(seconds: TimeInterval) -> String {
        Date().addingTimeInterval(seconds).formatted(.iso8601)
    }
}
