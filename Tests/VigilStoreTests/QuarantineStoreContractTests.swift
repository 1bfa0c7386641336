import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("QuarantineStore contract")
struct QuarantineStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func addedItemsGetIDsAndReadBackExactly(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let items = [
                Fixtures.quarantineItem(device: device, patient: patient),
                // A whole message refused before its device was known, with an empty body.
                QuarantineItem(
                    deviceID: nil, patientID: nil, messageID: nil, receivedAt: Fixtures.milliseconds(1),
                    reason: "invalid_json", payload: Data()),
                QuarantineItem(
                    deviceID: DeviceID("unknown-device"), patientID: nil, messageID: "m\u{e9}ssage\t2",
                    receivedAt: Fixtures.minutes(2), reason: "unknown_device",
                    payload: Data((0...255).map { UInt8($0) }), contentType: "application/octet-stream",
                    state: .discarded, resolvedAt: Fixtures.minutes(3)),
            ]

            let added = try await store.quarantine.add(items)
            #expect(added.count == items.count)
            #expect(Set(added.map(\.id)).count == items.count)
            #expect(added.allSatisfy { $0.id > 0 })
            for (item, stored) in zip(items, added) {
                var expected = item
                expected.id = stored.id
                #expect(stored == expected)
                #expect(try await store.quarantine.item(stored.id) == expected)
            }
            #expect(try await store.quarantine.item(added.map(\.id).max()! + 1) == nil)
            #expect(try await store.quarantine.add([]) == [])
        }
    }

    @Test(arguments: StoreBackend.available)
    func itemsAreNewestFirstAndFilteredByState(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            var added: [QuarantineItem] = []
            for index in 0..<5 {
                // Received times deliberately out of order: newest means added last.
                added += try await store.quarantine.add([
                    Fixtures.quarantineItem(
                        device: device, patient: patient, reason: "reason-\(index)",
                        at: Fixtures.minutes(Int64(-index)))
                ])
            }
            try await store.quarantine.resolve(added[1].id, as: .discarded, at: Fixtures.minutes(10))
            try await store.quarantine.resolve(added[3].id, as: .replayed, at: Fixtures.minutes(11))
            let all = try await store.quarantine.items(state: nil, limit: 10)

            #expect(all.map(\.id) == added.reversed().map(\.id))
            #expect(try await store.quarantine.items(state: nil, limit: 2).map(\.id) == [added[4].id, added[3].id])
            #expect(
                try await store.quarantine.items(state: .pending, limit: 10).map(\.id)
                    == [added[4].id, added[2].id, added[0].id])
            #expect(try await store.quarantine.items(state: .pending, limit: 1).map(\.id) == [added[4].id])
            #expect(try await store.quarantine.items(state: .discarded, limit: 10).map(\.id) == [added[1].id])
            #expect(try await store.quarantine.items(state: .replayed, limit: 10).map(\.id) == [added[3].id])
            #expect(try await store.quarantine.items(state: nil, limit: 0).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func resolveRecordsStateAndTimeAndMissingItemThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let item = try #require(
                try await store.quarantine.add([Fixtures.quarantineItem(device: device, patient: patient)]).first)

            try await store.quarantine.resolve(item.id, as: .discarded, at: Fixtures.milliseconds(90_123))
            var expected = item
            expected.state = .discarded
            expected.resolvedAt = Fixtures.milliseconds(90_123)
            #expect(try await store.quarantine.item(item.id) == expected)

            let error = await #expect(throws: StoreError.self) {
                try await store.quarantine.resolve(item.id + 1, as: .replayed, at: Fixtures.minutes(1))
            }
            #expect(error == StoreError(.notFound, entity: "quarantine item"))
        }
    }

    @Test(arguments: StoreBackend.available)
    func pendingCountsByReasonCountOnlyPendingItems(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.quarantine.pendingCountsByReason().isEmpty)
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let reasons = ["implausible_value", "implausible_value", "invalid_json", "unknown_device", "invalid_json"]
            let added = try await store.quarantine.add(
                reasons.map { Fixtures.quarantineItem(device: device, patient: patient, reason: $0) })
            try await store.quarantine.resolve(added[3].id, as: .discarded, at: Fixtures.minutes(1))
            try await store.quarantine.resolve(added[0].id, as: .replayed, at: Fixtures.minutes(1))

            #expect(
                try await store.quarantine.pendingCountsByReason() == ["implausible_value": 1, "invalid_json": 2])
        }
    }
}
