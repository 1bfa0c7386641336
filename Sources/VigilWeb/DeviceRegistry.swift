import Foundation
import Hummingbird
import VigilCore
import VigilSecurity
import VigilStore

/// Creates devices with fresh keys, rotates keys and changes devices; shared
/// by the API and the command line.
public struct DeviceRegistry: Sendable {
    let store: any Store
    let services: DeviceServices

    public init(store: any Store, services: DeviceServices) {
        self.store = store
        self.services = services
    }

    /// Characters IoT Hub allows in a device id.
    static let allowedIDCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.%_*?!(),:=@$'")

    /// A fresh device id, `dev-` and 12 random characters.
    public static func generatedID() -> DeviceID {
        DeviceID("dev-" + SecureRandom.base64URL(byteCount: 9).lowercased())
    }

    /// A device id as IoT Hub accepts it (1 to 128 of its allowed characters).
    public static func validatedID(_ text: String) throws -> DeviceID {
        guard (1...128).contains(text.count), text.unicodeScalars.allSatisfy(allowedIDCharacters.contains) else {
            throw VigilError.badRequest(
                "deviceId must be 1 to 128 letters, digits or -.%_*?!(),:=@$'.", code: "invalid_device_id")
        }
        return DeviceID(text)
    }

    /// Creates a device bound to a patient, with two random 32-byte keys; returns them once.
    public func create(_ id: DeviceID, for patient: PatientID, now: Date) async throws -> DeviceCredentials {
        guard try await store.patients.patient(patient) != nil else {
            throw VigilError.badRequest("patientId names no patient.", code: "invalid_patient")
        }
        let device = Device(id: id, patientID: patient, createdAt: now)
        do {
            try await store.devices.create(device)
        } catch let error as StoreError where error.code == .conflict {
            throw VigilError(.conflict, code: "device_exists", message: "A device with that id exists.")
        }
        let primary = Data(SecureRandom.bytes(32))
        let secondary = Data(SecureRandom.bytes(32))
        try await store.deviceKeys.setKeys(
            SealedDeviceKeys(primary: try await services.vault.seal(primary).text, secondary: try await services.vault.seal(secondary).text),
            for: id)
        return credentials(device, primary: primary, secondary: secondary)
    }

    /// Stores a changed device (rebind, enable, disable); earlier readings keep their patient.
    public func update(_ device: Device) async throws -> Device {
        try await store.devices.update(device)
        await services.deviceChanged(device.id)
        return device
    }

    /// Replaces one key with a fresh one; the other keeps working.
    public func rotate(_ slot: SASVerifier.KeySlot, of device: Device) async throws -> DeviceCredentials {
        let fresh = Data(SecureRandom.bytes(32))
        let current = try await store.deviceKeys.keys(of: device.id)
        let primary = slot == .primary ? fresh : try await open(current?.primary)
        let secondary = slot == .secondary ? fresh : try await open(current?.secondary)
        let sealed = SealedDeviceKeys(
            primary: try await services.vault.seal(primary).text, secondary: try await services.vault.seal(secondary).text)
        try await store.deviceKeys.setKeys(sealed, for: device.id)
        await services.deviceChanged(device.id)
        return credentials(device, primary: primary, secondary: secondary)
    }

    /// The key sealed in `sealed`, or a fresh one for a device that has none.
    private func open(_ sealed: String?) async throws -> Data {
        guard let sealed else { return Data(SecureRandom.bytes(32)) }
        return try await services.vault.open(text: sealed)
    }

    /// The IoT Hub connection string of a device using `key` (base64).
    func connectionString(_ device: DeviceID, key: String) -> String {
        "HostName=\(services.hostName);DeviceId=\(device);SharedAccessKey=\(key)"
    }

    private func credentials(_ device: Device, primary: Data, secondary: Data) -> DeviceCredentials {
        let primaryText = primary.base64EncodedString()
        return DeviceCredentials(
            deviceId: device.id, patientId: device.patientID, primaryKey: primaryText,
            secondaryKey: secondary.base64EncodedString(), connectionString: connectionString(device.id, key: primaryText))
    }
}

/// A device's keys and connection string, shown once.
public struct DeviceCredentials: Codable, Sendable, ResponseEncodable {
    public let deviceId: DeviceID
    public let patientId: PatientID
    public let primaryKey: String
    public let secondaryKey: String
    public let connectionString: String
}
