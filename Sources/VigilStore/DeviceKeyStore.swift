import Foundation
import VigilCore

/// Stores each device's two shared access keys, sealed by the key vault:
/// the store never sees a key in plaintext.
public protocol DeviceKeyStore: Sendable {
    /// Sets both keys of a device (creation, or rotation of one of them).
    func setKeys(_ keys: SealedDeviceKeys, for device: DeviceID) async throws
    /// The sealed keys of a device, if it has any.
    func keys(of device: DeviceID) async throws -> SealedDeviceKeys?
    /// Every device's sealed keys, for re-wrapping under a new master key.
    func allKeys() async throws -> [DeviceID: SealedDeviceKeys]
    /// Replaces sealed keys only where they still equal `expected`, so a
    /// re-wrap racing a rotation never overwrites the new key; returns how many changed.
    @discardableResult
    func replaceKeys(_ changes: [DeviceID: (expected: SealedDeviceKeys, new: SealedDeviceKeys)]) async throws -> Int
}

/// A device's primary and secondary key in sealed (encrypted) text form.
public struct SealedDeviceKeys: Sendable, Hashable {
    public var primary: String
    public var secondary: String

    public init(primary: String, secondary: String) {
        self.primary = primary
        self.secondary = secondary
    }
}
