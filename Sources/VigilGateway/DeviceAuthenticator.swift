import Foundation
import VigilCore
import VigilSecurity
import VigilStore

/// Authenticates a device by its shared access signature, exactly as IoT Hub
/// does, against the device's primary and secondary keys.
///
/// A device's record and keys are cached for a few seconds each, so a steady
/// stream costs no database round trip; a disable, rebind or key rotation
/// made on any node takes effect within `cacheLifetime`. Keys are opened from
/// the vault only when their sealed form changed, not at every refresh.
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

    /// A value read from the store, and when.
    private struct Fetched<Value> {
        let value: Value
        let at: Date
    }

    /// A device's keys as stored and as opened.
    private struct Keys {
        let sealed: SealedDeviceKeys
        let opened: SASVerifier.CandidateKeys
    }

    private let store: any Store
    private let vault: SecretVault
    private let configuration: Configuration
    private var devices: [DeviceID: Fetched<Device>] = [:]
    private var keys: [DeviceID: Fetched<Keys>] = [:]

    public init(store: any Store, vault: SecretVault, configuration: Configuration) {
        self.store = store
        self.vault = vault
        self.configuration = configuration
    }

    /// Checks the SAS token a device presented for `deviceID` at `now`.
    public func authenticate(deviceID: DeviceID, token: String?, now: Date) async throws -> Verdict {
        guard let token, !token.isEmpty else { return .refused(reason: "missing_token") }
        guard let device = try await device(deviceID, now: now),
            let keys = try await keys(of: deviceID, now: now)
        else { return .refused(reason: "unknown_device") }
        let resource = SASVerifier.resource(hostName: configuration.hostName, deviceID: deviceID.rawValue)
        do {
            _ = try SASVerifier().verify(tokenText: token, resource: resource, keys: keys, now: now)
        } catch {
            return .refused(reason: error.code)
        }
        return device.isDisabled ? .disabled(device) : .authenticated(device)
    }

    /// The device's current record, from a short-lived cache: a connected
    /// device's disable or rebind is seen within `cacheLifetime`. Nil when the
    /// device no longer exists.
    public func device(_ deviceID: DeviceID, now: Date) async throws -> Device? {
        if let cached = devices[deviceID], isFresh(cached, now: now) { return cached.value }
        guard let device = try await store.devices.device(deviceID) else {
            forget(deviceID)
            return nil
        }
        devices[deviceID] = Fetched(value: device, at: now)
        return device
    }

    /// Forgets a device's cached record and keys (after a change made on this node).
    public func invalidate(_ deviceID: DeviceID) {
        forget(deviceID)
    }

    /// The device's opened keys; read again after `cacheLifetime`, opened
    /// again only if they changed.
    private func keys(of deviceID: DeviceID, now: Date) async throws -> SASVerifier.CandidateKeys? {
        if let cached = keys[deviceID], isFresh(cached, now: now) { return cached.value.opened }
        guard let sealed = try await store.deviceKeys.keys(of: deviceID) else {
            forget(deviceID)
            return nil
        }
        let opened: SASVerifier.CandidateKeys
        if let cached = keys[deviceID], cached.value.sealed == sealed {
            opened = cached.value.opened
        } else {
            opened = SASVerifier.CandidateKeys(
                primary: try await vault.open(text: sealed.primary),
                secondary: try await vault.open(text: sealed.secondary))
        }
        keys[deviceID] = Fetched(value: Keys(sealed: sealed, opened: opened), at: now)
        return opened
    }

    private func isFresh<Value>(_ fetched: Fetched<Value>, now: Date) -> Bool {
        now.timeIntervalSince(fetched.at) < configuration.cacheLifetime
    }

    private func forget(_ deviceID: DeviceID) {
        devices[deviceID] = nil
        keys[deviceID] = nil
    }
}
