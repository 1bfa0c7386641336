import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("DeviceKeyStore contract")
struct DeviceKeyStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func setKeysReadBackAndRotationReplacesThem(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            #expect(try await store.deviceKeys.keys(of: device) == nil)

            let keys = SealedDeviceKeys(primary: "v1:sealed-primary", secondary: "v1:sealed-secondary")
            try await store.deviceKeys.setKeys(keys, for: device)
            #expect(try await store.deviceKeys.keys(of: device) == keys)

            let rotated = SealedDeviceKeys(primary: keys.primary, secondary: "v1:sealed-secondary-2")
            try await store.deviceKeys.setKeys(rotated, for: device)
            #expect(try await store.deviceKeys.keys(of: device) == rotated)
            #expect(try await store.deviceKeys.keys(of: DeviceID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func settingKeysOfMissingDeviceThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.deviceKeys.setKeys(
                    SealedDeviceKeys(primary: "p", secondary: "s"), for: DeviceID("missing"))
            }
            #expect(error == StoreError(.notFound, entity: "device"))
            let all = try await store.deviceKeys.allKeys()
            #expect(all.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func allKeysHoldsEveryDevicesKeys(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, first) = try await Fixtures.seedPatient(in: store)
            let (_, second) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let (_, withoutKeys) = try await Fixtures.seedPatient(in: store, "Third Patient")
            let firstKeys = SealedDeviceKeys(primary: "a1", secondary: "a2")
            let secondKeys = SealedDeviceKeys(primary: "b1", secondary: "b2")
            try await store.deviceKeys.setKeys(firstKeys, for: first)
            try await store.deviceKeys.setKeys(secondKeys, for: second)

            let all = try await store.deviceKeys.allKeys()
            #expect(all == [first: firstKeys, second: secondKeys])
            #expect(all[withoutKeys] == nil)
        }
    }

    /// A re-wrap read the keys, then one device's key was rotated: the re-wrap
    /// must not overwrite the rotated key with the re-wrapped old one.
    @Test(arguments: StoreBackend.available)
    func replaceKeysRefusesRowsWhoseKeysChangedSinceTheyWereRead(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, unchanged) = try await Fixtures.seedPatient(in: store)
            let (_, rotated) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let (_, secondaryOnly) = try await Fixtures.seedPatient(in: store, "Third Patient")
            for device in [unchanged, rotated, secondaryOnly] {
                try await store.deviceKeys.setKeys(SealedDeviceKeys(primary: "old-p", secondary: "old-s"), for: device)
            }
            let read = try await store.deviceKeys.allKeys()

            let rotation = SealedDeviceKeys(primary: "old-p", secondary: "rotated-s")
            try await store.deviceKeys.setKeys(rotation, for: rotated)
            try await store.deviceKeys.setKeys(
                SealedDeviceKeys(primary: "old-p", secondary: "changed"), for: secondaryOnly)

            let rewrapped = SealedDeviceKeys(primary: "new-p", secondary: "new-s")
            var changes: [DeviceID: (expected: SealedDeviceKeys, new: SealedDeviceKeys)] = [:]
            for (device, keys) in read { changes[device] = (expected: keys, new: rewrapped) }
            changes[DeviceID("missing")] = (expected: rewrapped, new: rewrapped)
            #expect(try await store.deviceKeys.replaceKeys(changes) == 1)

            #expect(try await store.deviceKeys.keys(of: unchanged) == rewrapped)
            #expect(try await store.deviceKeys.keys(of: rotated) == rotation)
            #expect(
                try await store.deviceKeys.keys(of: secondaryOnly)
                    == SealedDeviceKeys(primary: "old-p", secondary: "changed"))
            #expect(try await store.deviceKeys.keys(of: DeviceID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func replaceKeysWithNoChangesChangesNothing(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let changed = try await store.deviceKeys.replaceKeys([:])
            #expect(changed == 0)
        }
    }
}
