import Foundation
import Testing
import VigilCore

struct ZZDebugTests {
    @Test(arguments: 0..<12) func debugRebinding(_ n: Int) async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 70}"#).status == .noContent)
            let a = try await world.store.readings.readings(of: world.patientA.id, matching: .init(type: .heartRate))
            if a.count != 1 { Issue.record("\(a.map { "\($0.type) \($0.value) \($0.deviceID?.rawValue ?? "-") \($0.measuredAt.timeIntervalSince1970)" })") }
        }
    }
}
