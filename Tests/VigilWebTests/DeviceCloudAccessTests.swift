import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Who may read and change device twins, call methods and send
/// cloud-to-device messages: reads follow the device's patient, changes are admins'.
@Suite("Device twin, method and message access")
struct DeviceCloudAccessTests {
    @Test(arguments: [
        (TestWorld.Caller.admin, HTTPResponse.Status.ok), (.assignedClinician, .ok), (.patientA, .ok),
        (.unassignedClinician, .notFound), (.patientB, .notFound), (.noToken, .unauthorized),
    ])
    func twinIsReadableByWhoeverSeesThePatient(caller: TestWorld.Caller, status: HTTPResponse.Status) async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let response = try await client.execute(
                uri: "/api/v1/devices/\(device.deviceId)/twin", method: .get, headers: world.headers(caller))
            #expect(response.status == status, "\(response.text)")
        }
    }

    @Test(arguments: [TestWorld.Caller.assignedClinician, .patientA])
    func onlyAdminsChangeDevicesFromTheCloud(caller: TestWorld.Caller) async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            for (method, path) in [
                (HTTPRequest.Method.patch, "twin/desired"), (.post, "methods/reboot"), (.post, "messages"),
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/devices/\(device.deviceId)/\(path)", method: method, headers: world.headers(caller),
                    body: .json("{}"))
                #expect(response.status == .forbidden, "\(path): \(response.text)")
            }
        }
    }

    @Test func desiredPatchesMergeAndBumpTheVersion() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let uri = "/api/v1/devices/\(device.deviceId)/twin/desired"
            _ = try await client.execute(
                uri: uri, method: .patch, headers: world.headers(.admin), body: .json(#"{"a":1,"b":{"c":2}}"#))
            let response = try await client.execute(
                uri: uri, method: .patch, headers: world.headers(.admin), body: .json(#"{"b":{"c":null},"d":"x"}"#))
            #expect(response.status == .ok)
            let expected =
                #"{"desired":{"$version":3,"a":1,"b":{},"d":"x"},"#
                + #""deviceId":"\#(device.deviceId)","reported":{"$version":1}}"#
            #expect(response.text == expected)
            let refused = try await client.execute(
                uri: uri, method: .patch, headers: world.headers(.admin), body: .json("[1]"))
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "invalid_patch")
        }
    }

    @Test func aMethodOnADeviceNotConnectedIsA404() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let response = try await client.execute(
                uri: "/api/v1/devices/\(device.deviceId)/methods/reboot", method: .post, headers: world.headers(.admin),
                body: .json(#"{"payload":{"now":true}}"#))
            #expect(response.status == .notFound)
            #expect(response.errorCode == "device_offline")
        }
    }

    @Test func cloudMessagesQueueUntilTheQueueIsFull() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let uri = "/api/v1/devices/\(device.deviceId)/messages"
            for _ in 0..<50 {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: world.headers(.admin), body: .json(#"{"x":1}"#))
                #expect(response.status == .accepted)
            }
            let full = try await client.execute(
                uri: uri, method: .post, headers: world.headers(.admin), body: .json(#"{"x":1}"#))
            #expect(full.status == .conflict)
            #expect(full.errorCode == "queue_full")
            let queued = try await world.store.cloudMessages.pending(
                for: DeviceID(device.deviceId), at: Date(), limit: 100)
            #expect(queued.count == 50)
        }
    }
}
