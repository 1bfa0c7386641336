import Foundation

/// Seals and opens secrets (device keys, webhook secrets) under the server's
/// master keys, shared by every task of a running server.
///
/// When it meets a secret wrapped under a key it does not hold, it re-reads
/// the key file once and tries again, so a rotation done by another process
/// (`vigil keys rotate`) is picked up without a restart.
public actor SecretVault {
    /// The keys in use.
    public private(set) var ring: MasterKeyRing

    /// A vault over a ring of master keys.
    public init(ring: MasterKeyRing) {
        self.ring = ring
    }

    /// The id of the key that wraps new secrets.
    public var activeKeyID: String { ring.active.id }

    /// Seals a secret under the active master key.
    ///
    /// - Throws: ``KeyVaultError`` `encryption_failed` (not expected in practice).
    public func seal(_ secret: Data) throws -> SealedSecret {
        try ring.seal(secret)
    }

    /// Opens a sealed secret, re-reading the key file once if it names an unknown key.
    ///
    /// - Throws: ``KeyVaultError`` `unknown_master_key`, `decryption_failed`, or a
    ///   key file error from the reload.
    public func open(_ sealed: SealedSecret) throws -> Data {
        try reloadIfUnknown(sealed.masterKeyID)
        return try ring.open(sealed)
    }

    /// Opens a sealed secret from its storage text.
    ///
    /// - Throws: as ``open(_:)``, and `malformed_sealed_secret` or `unsupported_version`.
    public func open(text: String) throws -> Data {
        try open(SealedSecret(text: text))
    }

    /// Re-wraps a sealed secret's data key under the active master key (the
    /// secret's ciphertext is unchanged); returns it as is if already there.
    ///
    /// - Throws: as ``open(_:)``.
    public func rewrap(_ sealed: SealedSecret) throws -> SealedSecret {
        try reloadIfUnknown(sealed.masterKeyID)
        return try ring.rewrap(sealed)
    }

    /// Whether a sealed secret is wrapped under a key other than the active one.
    public func needsRewrap(_ sealed: SealedSecret) -> Bool {
        ring.needsRewrap(sealed)
    }

    /// Re-reads the master keys from their file (see ``MasterKeyRing/reload()``).
    public func reload() throws {
        try ring.reload()
    }

    /// Replaces the ring, for example after ``MasterKeyRing/rotate(in:)`` in this process.
    public func use(_ ring: MasterKeyRing) {
        self.ring = ring
    }

    private func reloadIfUnknown(_ keyID: String) throws {
        guard ring.key(withID: keyID) == nil, case .file = ring.origin else { return }
        try ring.reload()
    }
}
