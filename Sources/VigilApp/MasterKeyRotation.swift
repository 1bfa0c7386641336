import Foundation
import VigilCore
import VigilSecurity
import VigilStore

/// Rotates the master key without downtime: a new key becomes active in the
/// key file (the old ones stay, so every node can still open every secret),
/// then every stored secret's data key is re-wrapped under it. Re-wrapping
/// never decrypts the secrets themselves.
public struct MasterKeyRotation: Sendable {
    let store: any Store
    let dataDirectory: URL

    public init(store: any Store, dataDirectory: URL) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    /// What a rotation or re-wrap did.
    public struct Report: Sendable {
        /// The id of the master key now active.
        public let activeKeyID: String
        /// Sealed device key pairs re-wrapped under it.
        public let rewrapped: Int
        /// Sealed TOTP secrets re-wrapped under it.
        public let rewrappedTOTPSecrets: Int
        /// Webhook endpoints whose sealed signing secrets were re-wrapped under it.
        public let rewrappedWebhookSecrets: Int
    }

    /// Adds a new active master key and re-wraps every secret under it.
    public func rotate() async throws -> Report {
        try Self.requireKeyFile()
        let ring = try MasterKeyRing.rotate(in: dataDirectory)
        return try await rewrapAll(under: ring)
    }

    /// Re-wraps every secret still under an old key under the active key of the
    /// current key source (the environment or the key file).
    public func rewrap() async throws -> Report {
        try await rewrapAll(under: try MasterKeyRing.load(dataFolder: dataDirectory).ring)
    }

    /// Re-wraps any secret still under an old key, then removes the old keys
    /// from the key file. Run it once every node has picked up the new key.
    public func retireOldKeys() async throws -> Report {
        try Self.requireKeyFile()
        let ring = try MasterKeyRing.read(fileAt: MasterKeyRing.keyFileURL(in: dataDirectory))
        let report = try await rewrapAll(under: ring)
        try MasterKeyRing.retire(keysOtherThanActiveIn: dataDirectory)
        return report
    }

    private func rewrapAll(under ring: MasterKeyRing) async throws -> Report {
        var changes: [DeviceID: (expected: SealedDeviceKeys, new: SealedDeviceKeys)] = [:]
        for (device, sealed) in try await store.deviceKeys.allKeys() {
            let primary = try SealedSecret(text: sealed.primary)
            let secondary = try SealedSecret(text: sealed.secondary)
            guard ring.needsRewrap(primary) || ring.needsRewrap(secondary) else { continue }
            let rewrapped = SealedDeviceKeys(primary: try ring.rewrap(primary).text, secondary: try ring.rewrap(secondary).text)
            changes[device] = (sealed, rewrapped)
        }
        let count = try await store.deviceKeys.replaceKeys(changes)
        return Report(
            activeKeyID: ring.active.id, rewrapped: count, rewrappedTOTPSecrets: try await rewrapTOTPSecrets(under: ring),
            rewrappedWebhookSecrets: try await rewrapWebhookSecrets(under: ring))
    }

    private func rewrapWebhookSecrets(under ring: MasterKeyRing) async throws -> Int {
        var count = 0
        for endpoint in try await store.webhooks.endpoints() {
            let current = try SealedSecret(text: endpoint.sealedSecret)
            let previous = try endpoint.previousSealedSecret.map(SealedSecret.init(text:))
            guard ring.needsRewrap(current) || previous.map(ring.needsRewrap) == true else { continue }
            let rewrapped = WebhookSealedSecrets(
                current: try ring.rewrap(current).text, previous: try previous.map { try ring.rewrap($0).text })
            if try await store.webhooks.replaceSealedSecrets(
                of: endpoint.id, expected: WebhookSealedSecrets(of: endpoint), new: rewrapped)
            {
                count += 1
            }
        }
        return count
    }

    private func rewrapTOTPSecrets(under ring: MasterKeyRing) async throws -> Int {
        var changes: [UserID: (expected: String, new: String)] = [:]
        for (user, text) in try await store.totp.allSealedSecrets() {
            let sealed = try SealedSecret(text: text)
            guard ring.needsRewrap(sealed) else { continue }
            changes[user] = (text, try ring.rewrap(sealed).text)
        }
        return try await store.totp.replaceSealedSecrets(changes)
    }

    /// Rotation edits the key file; keys given in the environment must be rotated by the operator.
    private static func requireKeyFile() throws {
        if ProcessInfo.processInfo.environment[MasterKeyRing.environmentVariable] != nil {
            throw KeyRotationError()
        }
    }
}

/// The master keys come from the environment, which Vigil cannot edit.
public struct KeyRotationError: Error, CustomStringConvertible {
    public var description: String {
        "The master keys come from \(MasterKeyRing.environmentVariable). Rotate by prepending a new base64 key "
            + "(NEW,OLD) on every node, then run `vigil keys rewrap` to re-wrap secrets under it."
    }
}
