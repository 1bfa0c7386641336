import Crypto
import Foundation

extension MasterKeyRing {
    /// Seals a secret: a fresh random 256-bit data key encrypts it with
    /// AES-GCM, and the active master key wraps the data key with AES-GCM.
    ///
    /// - Throws: ``KeyVaultError`` `encryption_failed` (not expected in practice).
    public func seal(_ secret: Data) throws -> SealedSecret {
        let dataKey = SymmetricKey(size: .bits256)
        do {
            let ciphertext = try AES.GCM.seal(secret, using: dataKey, authenticating: Self.dataContext).combined
            let wrappedKey = try wrap(dataKey, under: active)
            guard let ciphertext else { throw KeyVaultError.encryptionFailed }
            return SealedSecret(masterKeyID: active.id, wrappedKey: wrappedKey, ciphertext: ciphertext)
        } catch {
            throw KeyVaultError.encryptionFailed
        }
    }

    /// Opens a sealed secret with whichever key of the ring wrapped it.
    ///
    /// - Throws: ``KeyVaultError`` `unknown_master_key` if the ring lacks the
    ///   key, `decryption_failed` if any part was altered.
    public func open(_ sealed: SealedSecret) throws -> Data {
        let dataKey = try unwrapDataKey(of: sealed)
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.ciphertext)
            return try AES.GCM.open(box, using: dataKey, authenticating: Self.dataContext)
        } catch {
            throw KeyVaultError.decryptionFailed
        }
    }

    /// Re-wraps a sealed secret's data key under the active master key,
    /// leaving the secret's ciphertext as it is. Returns `sealed` unchanged if
    /// it is already under the active key.
    ///
    /// - Throws: as ``open(_:)``.
    public func rewrap(_ sealed: SealedSecret) throws -> SealedSecret {
        guard needsRewrap(sealed) else {
            _ = try unwrapDataKey(of: sealed)
            return sealed
        }
        let dataKey = try unwrapDataKey(of: sealed)
        do {
            return SealedSecret(
                masterKeyID: active.id, wrappedKey: try wrap(dataKey, under: active), ciphertext: sealed.ciphertext)
        } catch {
            throw KeyVaultError.encryptionFailed
        }
    }

    /// Whether a sealed secret is wrapped under a key other than the active one.
    public func needsRewrap(_ sealed: SealedSecret) -> Bool {
        sealed.masterKeyID != active.id
    }

    /// The data key of a sealed secret.
    private func unwrapDataKey(of sealed: SealedSecret) throws -> SymmetricKey {
        guard let master = key(withID: sealed.masterKeyID) else {
            throw KeyVaultError.unknownMasterKey(sealed.masterKeyID)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.wrappedKey)
            let bytes = try AES.GCM.open(box, using: master.key, authenticating: Self.wrapContext(master.id))
            guard bytes.count == MasterKey.byteCount else { throw KeyVaultError.decryptionFailed }
            return SymmetricKey(data: bytes)
        } catch {
            throw KeyVaultError.decryptionFailed
        }
    }

    /// A data key sealed under a master key, in AES-GCM combined form.
    private func wrap(_ dataKey: SymmetricKey, under master: MasterKey) throws -> Data {
        let box = try dataKey.withUnsafeBytes { bytes in
            try AES.GCM.seal(Data(bytes), using: master.key, authenticating: Self.wrapContext(master.id))
        }
        guard let combined = box.combined else { throw KeyVaultError.encryptionFailed }
        return combined
    }

    /// Associated data of a wrapped key: binds it to the format and the key id in the text.
    private static func wrapContext(_ keyID: String) -> Data { Data("vigil.v1.wrap.\(keyID)".utf8) }

    /// Associated data of a secret's ciphertext.
    private static let dataContext = Data("vigil.v1.data".utf8)
}
