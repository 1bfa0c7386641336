import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("CloudMessageStore contract")
struct CloudMessageStoreContractTests {
    static func message(
        _ device: DeviceID, _ text: String, at time: Date = Fixtures.base, lifetimeMinutes: Int64 = 60
    ) -> CloudMessage {
        CloudMessage(
            deviceID: device, messageID: "mid-\(text)", payload: Data(text.utf8), properties: ["kind": text],
            contentType: "application/json", enqueuedAt: time,
            expiresAt: Date(millisecondsSince1970: time.millisecondsSince1970 + lifetimeMinutes * 60_000))
    }

    @Test(arguments: StoreBackend.available)
    func queuedMessagesComeBackOldestFirstWithEveryField(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            let (_, other) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let first = try #require(try await store.cloudMessages.enqueue(Self.message(device, "one"), limit: 50))
            let second = try #require(try await store.cloudMessages.enqueue(Self.message(device, "two"), limit: 50))
            _ = try await store.cloudMessages.enqueue(Self.message(other, "elsewhere"), limit: 50)
            #expect(first.id > 0)
            #expect(second.id > first.id)

            let pending = try await store.cloudMessages.pending(for: device, at: Fixtures.minutes(1), limit: 10)
            #expect(pending == [first, second])
            #expect(pending.first?.properties == ["kind": "one"])
            #expect(try await store.cloudMessages.pending(for: device, at: Fixtures.base, limit: 1) == [first])
        }
    }

    @Test(arguments: StoreBackend.available)
    func removedAndExpiredMessagesAreNotPending(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            let short = try #require(
                try await store.cloudMessages.enqueue(Self.message(device, "short", lifetimeMinutes: 1), limit: 50))
            let long = try #require(try await store.cloudMessages.enqueue(Self.message(device, "long"), limit: 50))
            let delivered = try #require(try await store.cloudMessages.enqueue(Self.message(device, "gone"), limit: 50))
            try await store.cloudMessages.remove(delivered.id)
            try await store.cloudMessages.remove(delivered.id)

            #expect(try await store.cloudMessages.pending(for: device, at: Fixtures.minutes(2), limit: 10) == [long])
            #expect(try await store.cloudMessages.removeExpired(before: Fixtures.minutes(2)) == 1)
            #expect(try await store.cloudMessages.pending(for: device, at: Fixtures.base, limit: 10) == [long])
            _ = short
        }
    }

    @Test(arguments: StoreBackend.available)
    func aFullQueueRefusesMoreUntilOneIsDelivered(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            let first = try #require(try await store.cloudMessages.enqueue(Self.message(device, "1"), limit: 2))
            _ = try #require(try await store.cloudMessages.enqueue(Self.message(device, "2"), limit: 2))
            #expect(try await store.cloudMessages.enqueue(Self.message(device, "3"), limit: 2) == nil)
            try await store.cloudMessages.remove(first.id)
            #expect(try await store.cloudMessages.enqueue(Self.message(device, "3"), limit: 2) != nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func anEmptyBodyIsKept(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            var message = Self.message(device, "empty")
            message.payload = Data()
            message.properties = [:]
            message.contentType = nil
            let stored = try #require(try await store.cloudMessages.enqueue(message, limit: 50))
            #expect(try await store.cloudMessages.pending(for: device, at: Fixtures.base, limit: 10) == [stored])
        }
    }

    @Test(arguments: StoreBackend.available)
    func queueingForAMissingDeviceThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.cloudMessages.enqueue(Self.message(DeviceID("missing"), "x"), limit: 50)
            }
            #expect(error == StoreError(.notFound, entity: "device"))
        }
    }
}
