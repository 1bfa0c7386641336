import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// The device registry API: keys shown once, never again; admin only to change.
struct DeviceRegistryTests {
    @Test func createReturnsTwoKeysAndAConnectionStringOnce() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "cuff-1")
            #expect(Data(base64Encoded: device.primaryKey)?.count == 32)
            #expect(Data(base64Encoded: device.secondaryKey)?.count == 32)
            #expect(device.primaryKey != device.secondaryKey)
            #expect(device.connectionString == "HostName=localhost;DeviceId=cuff-1;SharedAccessKey=\(device.primaryKey)")
            for uri in ["/api/v1/devices/cuff-1", "/api/v1/devices", "/api/v1/devices?patientId=\(world.patientA.id)"] {
                let response = try await client.execute(uri: uri, method: .get, headers: world.headers(.admin))
                #expect(response.status == .ok)
                #expect(!response.text.contains(device.primaryKey) && !response.text.contains(device.secondaryKey))
                #expect(response.text.contains("cuff-1"))
            }
        }
    }

    @Test func duplicateDeviceIdIsAConflict() async throws {
        try await TestWorld.with { world, client in
            _ = try await world.createDevice(client, id: "same")
            let again = try await client.execute(
                uri: "/api/v1/devices", method: .post, headers: world.headers(.admin),
                body: .json(#"{"deviceId":"same","patientId":"\#(world.patientA.id)"}"#))
            #expect(again.status == .conflict)
        }
    }

    @Test func onlyAdminsCreateAndCliniciansSeeOnlyTheirPatientsDevices() async throws {
        try await TestWorld.with { world, client in
            let refused = try await client.execute(
                uri: "/api/v1/devices", method: .post, headers: world.headers(.assignedClinician),
                body: .json(#"{"patientId":"\#(world.patientA.id)"}"#))
            #expect(refused.status == .forbidden)
            let device = try await world.createDevice(client)
            let assigned = try await client.execute(uri: "/api/v1/devices/\(device.deviceId)", method: .get, headers: world.headers(.assignedClinician))
            #expect(assigned.status == .ok)
            let unassigned = try await client.execute(uri: "/api/v1/devices/\(device.deviceId)", method: .get, headers: world.headers(.unassignedClinician))
            #expect(unassigned.status == .notFound)
        }
    }

    @Test func rebindingKeepsEarlierReadingsWithTheEarlierPatient() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 70}"#).status == .noContent)
            let rebound = try await client.execute(
                uri: "/api/v1/devices/\(device.deviceId)", method: .patch, headers: world.headers(.admin),
                body: .json(#"{"patientId":"\#(world.patientB.id)"}"#))
            #expect(rebound.status == .ok)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 90}"#).status == .noContent)
            let a = try await world.store.readings.readings(of: world.patientA.id, matching: .init(type: .heartRate))
            let b = try await world.store.readings.readings(of: world.patientB.id, matching: .init(type: .heartRate))
            #expect(a.map(\.value) == [70])
            #expect(b.map(\.value) == [90])
        }
    }

    @Test func noDeviceKeyIsStoredInPlaintext() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let folder = world.dataDirectory
            var bytes = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("vigil.sqlite") {
                bytes.append(try Data(contentsOf: folder.appendingPathComponent(name)))
            }
            #expect(!bytes.isEmpty)
            for key in [device.primaryKey, device.secondaryKey] {
                let raw = try #require(Data(base64Encoded: key))
                for needle in [Data(key.utf8), Data(raw.map { String(format: "%02x", $0) }.joined().utf8), raw,
                    Data(raw.base64EncodedString().replacingOccurrences(of: "=", with: "").utf8)]
                {
                    #expect(bytes.range(of: needle) == nil, "a device key is readable in the database file")
                }
            }
        }
    }
}
