import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilSimulator

/// Simulated devices over the HTTPS telemetry endpoint: every good reading
/// is stored, and every bad reading injected on purpose is in the quarantine
/// with the reason the simulator expects.
struct SimulatorEndToEndTests {
    @Test func goodReadingsAreStoredAndInjectedFaultsAreQuarantinedWithTheirReasons() async throws {
        // The server's clock follows the devices, so each message arrives a second after it was measured.
        let start = Date().addingTimeInterval(-3 * 86_400)
        let clock = TestClock(start)
        try await TestWorld.with(now: { clock.now }) { world, client in
            var options = SimulationPlan.Options()
            options.seed = 11
            options.badReadingProbability = 0.25
            options.trendStart = start
            let plan = SimulationPlan(profiles: [.heartFailure, .diabetic], options: options, deviceIDPrefix: "e2e-")
            var devices: [String: TestDevice] = [:]
            for device in plan.devices {
                devices[device.deviceID] = try await world.createDevice(client, id: device.deviceID)
            }
            let messages = plan.messages(from: start, to: start.addingTimeInterval(2 * 86_400))
            #expect(messages.count > 20)
            for message in messages {
                let device = try #require(devices[message.device.deviceID])
                clock.advance(by: message.measuredAt.addingTimeInterval(1).timeIntervalSince(clock.now))
                let response = try await world.send(client, device: device, body: String(decoding: message.body, as: UTF8.self))
                #expect(response.status == .noContent, "\(response.text)")
            }
            let stored = try await world.readings(client)
            #expect(stored.count == messages.map(\.validReadings).reduce(0, +))
            let expected = messages.flatMap(\.faults).map(\.expectedReason.rawValue).sorted()
            #expect(!expected.isEmpty)
            let quarantined = try await world.quarantine(client).map(\.reason).sorted()
            #expect(quarantined == expected)
        }
    }
}
