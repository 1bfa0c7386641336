import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("DeviceTwinStore contract")
struct DeviceTwinStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func twinNeverWrittenIsEmptyAtVersionOne(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            #expect(try await store.twins.twin(of: device) == .empty(device))
            #expect(try await store.twins.twin(of: DeviceID("missing")) == .empty(DeviceID("missing")))
        }
    }

    @Test(arguments: StoreBackend.available)
    func replacingOneSideBumpsOnlyItsVersion(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            let desired = try #require(
                try await store.twins.replace(
                    .desired, of: device, with: #"{"interval":60}"#, expectedVersion: 1, at: Fixtures.base))
            #expect(desired.desired == #"{"interval":60}"#)
            #expect(desired.desiredVersion == 2)
            #expect(desired.reported == "{}")
            #expect(desired.reportedVersion == 1)

            let reported = try #require(
                try await store.twins.replace(
                    .reported, of: device, with: #"{"battery":80}"#, expectedVersion: 1, at: Fixtures.minutes(1)))
            #expect(reported.desiredVersion == 2)
            #expect(reported.reportedVersion == 2)
            #expect(try await store.twins.twin(of: device) == reported)
        }
    }

    @Test(arguments: StoreBackend.available)
    func replaceWithAStaleVersionChangesNothing(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            _ = try await store.twins.replace(
                .desired, of: device, with: #"{"a":1}"#, expectedVersion: 1, at: Fixtures.base)
            let stale = try await store.twins.replace(
                .desired, of: device, with: #"{"a":2}"#, expectedVersion: 1, at: Fixtures.base)
            #expect(stale == nil)
            let neverWritten = try await store.twins.replace(
                .reported, of: device, with: #"{"b":1}"#, expectedVersion: 5, at: Fixtures.base)
            #expect(neverWritten == nil)
            let twin = try await store.twins.twin(of: device)
            #expect(twin.desired == #"{"a":1}"#)
            #expect(twin.reported == "{}")
        }
    }

    @Test(arguments: StoreBackend.available)
    func concurrentWritersOfOneVersionHaveExactlyOneWinner(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (_, device) = try await Fixtures.seedPatient(in: store)
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await store.twins.replace(
                            .reported, of: device, with: #"{"writer":\#(index)}"#, expectedVersion: 1,
                            at: Fixtures.base) != nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
            #expect(try await store.twins.twin(of: device).reportedVersion == 2)
        }
    }

    @Test(arguments: StoreBackend.available)
    func writingTheTwinOfAMissingDeviceThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.twins.replace(
                    .desired, of: DeviceID("missing"), with: "{}", expectedVersion: 1, at: Fixtures.base)
            }
            #expect(error == StoreError(.notFound, entity: "device"))
        }
    }
}
