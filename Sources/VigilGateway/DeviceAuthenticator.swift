import Foundation
import VigilCore
import VigilSecurity
import VigilStore

/// Authenticates a device by its shared access signature, exactly as IoT Hub
/// does, against the device's primary and secondary keys.
///
/// Keys are opened from the vault and cached for a few seconds per device, so
/// a steady stream costs no database round trip; a disable, rebind or key
/// rotation made on any node takes effect within `cacheLifetime`.
public actor DeviceAuthenticator {
    /// Settings of device authentication.
    public struct Configuration: Sendable {
        /// The IoT Hub `HostName` tokens must name. Default `localhost`.
        public var hostName: String
        /// How long a device's record and keys are reused before being read again. Default 5 s.
        public var cacheLifetime: TimeInterval

        public init(hostName: String = "localhost", cacheLifetime: TimeInterval = 5) {
            self.hostName = hostName
            self.cacheLifetime = cacheLifetime
        }
    }

    /// The result of checking a device's credentials.
    public enum Verdict: Sendable {
        /// The token is valid and the device is enabled.
        case authenticated(Device)
        /// The token is valid but the device is disabled: refuse, but keep what it sent.
        case disabled(Device)
        /// Refused; `reason` is a stable code safe to log and audit.
        case refused(reason: String)
    }

    private struct Entry {
        let device: Device
        let keys: SASVerifier.CandidateKeys
        let fetchedAt: Date
    }

    private let store: any Store
    private let vault: SecretVault
    private let configuration: Configuration
    private var cache: [DeviceID: Entry] = [:]

    public init(store: any Store, vault: SecretVault, configuration: Configuration) {
        self.store = store
        self.vault = vault
        self.configuration = configuration
    }

    /// Checks the SAS token a device presented for `deviceID` at `now`.
    public func authenticate(deviceID: DeviceID, token: String?, now: Date) async throws -> Verdict {
        guard let token, !token.isEmpty else { return .refused(reason: "missing_token") }
        guard let entry = try await entry(for: deviceID, now: now) else { return .refused(reason: "unknown_device") }
        let resource = SASVerifier.resource(hostName: configuration.hostName, deviceID: deviceID.rawValue)
        do {
            _ = try SASVerifier().verify(tokenText: token, resource: resource, keys: entry.keys, now: now)
        } catch {
            return .refused(reason: error.code)
        }
        return entry.device.isDisabled ? .disabled(entry.device) : .authenticated(entry.device)
    }

    /// The device's current record, from the same short-lived cache as
    /// authentication: a connected device's disable or rebind is seen within
    /// `cacheLifetime`. Nil when the device no longer exists.
    public func device(_ deviceID: DeviceID, now: Date) async throws -> Device? {
        try await entry(for: deviceID, now: now)?.device
    }

    /// Forgets a device's cached record and keys (after a change made on this node).
    public func invalidate(_ deviceID: DeviceID) {
        cache[deviceID] = nil
    }

    private func entry(for deviceID: DeviceID, now: Date) async throws -> Entry? {
        if let cached = cache[deviceID], now.timeIntervalSince(cached.fetchedAt) < configuration.cacheLifetime {
            return cached
        }
        guard let device = try await store.devices.device(deviceID),
            let sealed = try await store.deviceKeys.keys(of: deviceID)
        else {
            cache[deviceID] = nil
            return nil
        }
        let keys = SASVerifier.CandidateKeys(
            primary: try await vault.open(text: sealed.primary), secondary: try await vault.open(text: sealed.secondary))
        let entry = Entry(device: device, keys: keys, fetchedAt: now)
        cache[deviceID] = entry
        return entry
    }
}
