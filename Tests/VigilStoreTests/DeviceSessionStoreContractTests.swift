import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("DeviceSessionStore contract")
struct DeviceSessionStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func savedSessionReadsBackAndIsReplacedThenRemoved(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            #expect(try await store.sessions.session(of: device) == nil)

            let session = DeviceSession(
                deviceID: device,
                subscriptions: [
                    .init(topicFilter: "devices/\(device)/messages/devicebound/#", qos: 1),
                    .init(topicFilter: "$iothub/methods/POST/#", qos: 1),
                ],
                updatedAt: Fixtures.base)
            try await store.sessions.save(session)
            #expect(try await store.sessions.session(of: device) == session)
            #expect(session.subscriptions.first?.topicFilter == "$iothub/methods/POST/#")

            let replaced = DeviceSession(deviceID: device, subscriptions: [], updatedAt: Fixtures.minutes(1))
            try await store.sessions.save(replaced)
            #expect(try await store.sessions.session(of: device) == replaced)

            try await store.sessions.removeSession(of: device)
            try await store.sessions.removeSession(of: device)
            #expect(try await store.sessions.session(of: device) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func savingTheSessionOfAMissingDeviceThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.sessions.save(
                    DeviceSession(deviceID: DeviceID("missing"), subscriptions: [], updatedAt: Fixtures.base))
            }
            #expect(error == StoreError(.notFound, entity: "device"))
        }
    }
}
