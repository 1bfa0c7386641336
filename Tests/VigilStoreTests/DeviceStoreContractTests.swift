import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("DeviceStore contract")
struct DeviceStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func createdDeviceReadsBackUnchanged(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let patient = Fixtures.patient()
            try await store.patients.create(patient)
            let device = Device(
                id: DeviceID("cuff-1"), patientID: patient.id, isDisabled: false, createdAt: Fixtures.base)
            try await store.devices.create(device)
            #expect(try await store.devices.device(device.id) == device)
            #expect(try await store.devices.device(DeviceID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func creatingDeviceWithExistingIDThrowsConflict(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let first = Fixtures.patient("Ada")
            let second = Fixtures.patient("Bea")
            try await store.patients.create(first)
            try await store.patients.create(second)
            let device = Device(id: DeviceID("cuff-1"), patientID: first.id, createdAt: Fixtures.base)
            try await store.devices.create(device)

            let error = await #expect(throws: StoreError.self) {
                try await store.devices.create(Device(id: device.id, patientID: second.id, createdAt: Fixtures.base))
            }
            #expect(error?.code == .conflict)
            #expect(try await store.devices.device(device.id) == device)
        }
    }

    @Test(arguments: StoreBackend.available)
    func creatingDeviceForMissingPatientThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.devices.create(
                    Device(id: DeviceID("cuff-1"), patientID: PatientID("missing"), createdAt: Fixtures.base))
            }
            #expect(error?.code == .notFound)
            let devices = try await store.devices.devices(of: nil)
            #expect(devices.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func updateDisablesAndRebindsDevice(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let first = Fixtures.patient("Ada")
            let second = Fixtures.patient("Bea")
            try await store.patients.create(first)
            try await store.patients.create(second)
            var device = Device(id: DeviceID("oximeter-1"), patientID: first.id, createdAt: Fixtures.base)
            try await store.devices.create(device)

            device.isDisabled = true
            device.patientID = second.id
            try await store.devices.update(device)
            #expect(try await store.devices.device(device.id) == device)
            #expect(try await store.devices.devices(of: first.id).isEmpty)
            #expect(try await store.devices.devices(of: second.id) == [device])
        }
    }

    @Test(arguments: StoreBackend.available)
    func updatingMissingDeviceThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let patient = Fixtures.patient()
            try await store.patients.create(patient)
            let error = await #expect(throws: StoreError.self) {
                try await store.devices.update(
                    Device(id: DeviceID("ghost"), patientID: patient.id, createdAt: Fixtures.base))
            }
            #expect(error?.code == .notFound)
            #expect(try await store.devices.device(DeviceID("ghost")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func devicesAreListedByIDAndFilteredByPatient(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let first = Fixtures.patient("Ada")
            let second = Fixtures.patient("Bea")
            try await store.patients.create(first)
            try await store.patients.create(second)
            let devices = [
                Device(id: DeviceID("scale-9"), patientID: first.id, createdAt: Fixtures.base),
                Device(id: DeviceID("cuff-2"), patientID: second.id, createdAt: Fixtures.base),
                Device(id: DeviceID("cuff-1"), patientID: first.id, isDisabled: true, createdAt: Fixtures.base),
            ]
            for device in devices { try await store.devices.create(device) }

            #expect(try await store.devices.devices(of: nil).map(\.id.rawValue) == ["cuff-1", "cuff-2", "scale-9"])
            #expect(try await store.devices.devices(of: first.id) == [devices[2], devices[0]])
            #expect(try await store.devices.devices(of: second.id) == [devices[1]])
            #expect(try await store.devices.devices(of: PatientID("missing")).isEmpty)
        }
    }
}
