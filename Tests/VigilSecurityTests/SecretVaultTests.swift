import Foundation
import Testing

@testable import VigilSecurity

@Suite struct SecretVaultTests {
    let secret = Data("device-primary-key-0123456789abcdef".utf8)

    func ring(_ keys: MasterKey...) throws -> MasterKeyRing { try MasterKeyRing(keys: keys) }

    func code<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as KeyVaultError {
            return error.code
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func opensWhatItSealed() async throws {
        let vault = SecretVault(ring: try ring(.generate()))
        let sealed = try await vault.seal(secret)
        #expect(try await vault.open(sealed) == secret)
        #expect(try await vault.open(text: sealed.text) == secret)
        #expect(try await vault.open(vault.seal(Data())) == Data())
    }

    @Test func sealsEachTimeDifferently() throws {
        let ring = try ring(.generate())
        #expect(try ring.seal(secret) != ring.seal(secret))
    }

    @Test func sealedTextHoldsNoTraceOfTheSecret() throws {
        let ring = try ring(.generate())
        let sealed = try ring.seal(secret)
        let text = sealed.text
        #expect(!text.contains(String(decoding: secret, as: UTF8.self)))
        #expect(!text.contains(secret.base64EncodedString()))
        #expect(!text.contains(secret.base64EncodedString().dropLast(4)))
        #expect(!text.lowercased().contains(secret.hexString))
        #expect(!sealed.description.contains(text))
    }

    @Test func hasTheDocumentedForm() throws {
        let ring = try ring(.generate())
        let sealed = try ring.seal(secret)
        let parts = sealed.text.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 4)
        #expect(parts[0] == "v1")
        #expect(parts[1] == ring.active.id)
        #expect(Data(base64Encoded: String(parts[2]))?.count == 60)
        #expect(Data(base64Encoded: String(parts[3]))?.count == secret.count + 28)
        #expect(sealed.masterKeyID == ring.active.id)
        #expect(try SealedSecret(text: sealed.text) == sealed)
    }

    @Test func namesKeysByTheirHash() throws {
        let key = try #require(MasterKey(bytes: Data(repeating: 0, count: 32)))
        // SHA-256 of 32 zero bytes is 66687aadf862bd77...
        #expect(key.id == "66687aad")
        #expect(key.description == "MasterKey(66687aad)")
        #expect(MasterKey(bytes: Data(repeating: 0, count: 31)) == nil)
        #expect(MasterKey(base64: "not base64") == nil)
    }

    @Test func failsToOpenWhenAnyPartIsTampered() throws {
        let ring = try ring(.generate())
        let text = try ring.seal(secret).text
        let parts = text.split(separator: ".").map(String.init)
        for index in 1..<parts.count {
            var bytes = Array(parts[index].utf8)
            for position in [0, bytes.count / 2, bytes.count - 2] {
                let original = bytes[position]
                bytes[position] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
                var tampered = parts
                tampered[index] = String(decoding: bytes, as: UTF8.self)
                let result = code { try ring.open(SealedSecret(text: tampered.joined(separator: "."))) }
                #expect(result != nil, "part \(index) position \(position)")
                bytes[position] = original
            }
        }
    }

    @Test func failsToOpenSplicedSecrets() throws {
        let ring = try ring(.generate())
        let first = try ring.seal(secret).text.split(separator: ".")
        let second = try ring.seal(Data("other".utf8)).text.split(separator: ".")
        let spliced = [first[0], first[1], first[2], second[3]].joined(separator: ".")
        #expect(code { try ring.open(SealedSecret(text: spliced)) } == "decryption_failed")
    }

    @Test func rejectsMalformedText() {
        #expect(code { try SealedSecret(text: "") } == "malformed_sealed_secret")
        #expect(code { try SealedSecret(text: "v1.abc") } == "malformed_sealed_secret")
        #expect(code { try SealedSecret(text: "v1.ABCDEF12.AAAA.AAAA") } == "malformed_sealed_secret")
        #expect(code { try SealedSecret(text: "v2.abcdef12.AAAA.AAAA") } == "unsupported_version")
        #expect(code { try SealedSecret(text: "v1.abcdef12.!!!.AAAA") } == "malformed_sealed_secret")
    }

    @Test func failsClearlyWithoutTheMasterKey() throws {
        let sealed = try ring(.generate()).seal(secret)
        let other = try ring(.generate())
        #expect(code { try other.open(sealed) } == "unknown_master_key")
        do {
            _ = try other.open(sealed)
        } catch let error as KeyVaultError {
            #expect(error.description.contains(sealed.masterKeyID))
        }
    }

    @Test func decodesAndEncodesAsAString() throws {
        let sealed = try ring(.generate()).seal(secret)
        let json = try JSONEncoder().encode([sealed])
        #expect(try JSONDecoder().decode([String].self, from: json) == [sealed.text])
        #expect(try JSONDecoder().decode([SealedSecret].self, from: json) == [sealed])
    }

    @Test func rotationKeepsOldSecretsOpenAndRewrapMovesThem() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try MasterKeyRing.load(dataFolder: folder.url, environment: [:]).ring
        let vault = SecretVault(ring: first)
        let sealed = try await vault.seal(secret)
        #expect(sealed.masterKeyID == first.active.id)

        let rotated = try MasterKeyRing.rotate(in: folder.url)
        #expect(rotated.keyIDs.count == 2)
        #expect(rotated.keyIDs[1] == first.active.id)
        #expect(try rotated.open(sealed) == secret)

        // The running vault meets nothing unknown yet; rewrap after reloading.
        try await vault.reload()
        #expect(await vault.activeKeyID == rotated.active.id)
        #expect(await vault.needsRewrap(sealed))
        let rewrapped = try await vault.rewrap(sealed)
        #expect(rewrapped.masterKeyID == rotated.active.id)
        #expect(rewrapped.text.split(separator: ".")[3] == sealed.text.split(separator: ".")[3])
        #expect(try await vault.open(rewrapped) == secret)
        #expect(try await vault.rewrap(rewrapped) == rewrapped)

        let retired = try MasterKeyRing.retire(keysOtherThanActiveIn: folder.url)
        #expect(retired.keyIDs == [rotated.active.id])
        #expect(try retired.open(rewrapped) == secret)
        #expect(code { try retired.open(sealed) } == "unknown_master_key")
        #expect(try folder.permissions(of: MasterKeyRing.fileName) == 0o600)
    }

    @Test func runningVaultPicksUpAKeyRotatedByAnotherProcess() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let vault = SecretVault(ring: try MasterKeyRing.load(dataFolder: folder.url, environment: [:]).ring)
        // Another process rotates and seals under the new key.
        let rotated = try MasterKeyRing.rotate(in: folder.url)
        let sealed = try rotated.seal(secret)
        #expect(try await vault.open(sealed) == secret)
        #expect(await vault.activeKeyID == rotated.active.id)
    }

    @Test func createsTheKeyFileWithOwnerOnlyPermissions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = folder.url.appendingPathComponent("data")
        let loaded = try MasterKeyRing.load(dataFolder: data, environment: [:])
        #expect(loaded.source == .createdFile)
        #expect(!loaded.fileIsExposed)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: data.appendingPathComponent(MasterKeyRing.fileName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let contents = try String(contentsOf: data.appendingPathComponent(MasterKeyRing.fileName), encoding: .utf8)
        #expect(contents.split(separator: "\n").count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: data.path)
        #expect(leftovers == [MasterKeyRing.fileName])

        let again = try MasterKeyRing.load(dataFolder: data, environment: [:])
        #expect(again.source == .file)
        #expect(again.ring.keyIDs == loaded.ring.keyIDs)
    }

    @Test func reportsAKeyFileOthersCanRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try MasterKeyRing.load(dataFolder: folder.url, environment: [:])
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: folder.file(MasterKeyRing.fileName).path)
        #expect(try MasterKeyRing.load(dataFolder: folder.url, environment: [:]).fileIsExposed)
    }

    @Test func readsKeysFromTheEnvironmentFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Data(repeating: 1, count: 32).base64EncodedString()
        let second = Data(repeating: 2, count: 32).base64EncodedString()
        let loaded = try MasterKeyRing.load(
            dataFolder: folder.url, environment: ["VIGIL_MASTER_KEY": " \(first) ,\(second)"])
        #expect(loaded.source == .environment)
        #expect(loaded.ring.keyIDs == [MasterKey(base64: first)!.id, MasterKey(base64: second)!.id])
        #expect(loaded.ring.origin == .environment)
        #expect(!FileManager.default.fileExists(atPath: folder.file(MasterKeyRing.fileName).path))

        let single = try MasterKeyRing.load(dataFolder: folder.url, environment: ["VIGIL_MASTER_KEY": first])
        #expect(single.ring.keyIDs == [MasterKey(base64: first)!.id])
        let sealed = try single.ring.seal(secret)
        #expect(try loaded.ring.open(sealed) == secret)
    }

    @Test func rejectsABadKeyInTheEnvironment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let short = Data(repeating: 1, count: 16).base64EncodedString()
        #expect(
            code { try MasterKeyRing.load(dataFolder: folder.url, environment: ["VIGIL_MASTER_KEY": short]) }
                == "invalid_master_key")
        #expect(
            code { try MasterKeyRing.load(dataFolder: folder.url, environment: ["VIGIL_MASTER_KEY": ",,"]) }
                == "no_master_key")
    }

    @Test func readsAKeyFileWrittenByHand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = Data(repeating: 3, count: 32).base64EncodedString()
        let second = Data(repeating: 4, count: 32).base64EncodedString()
        try "# active first\n\(first)\r\n\n  \(second)  \n".write(
            to: folder.file(MasterKeyRing.fileName), atomically: true, encoding: .utf8)
        let loaded = try MasterKeyRing.load(dataFolder: folder.url, environment: [:])
        #expect(loaded.source == .file)
        #expect(loaded.ring.keyIDs == [MasterKey(base64: first)!.id, MasterKey(base64: second)!.id])
    }

    @Test func ringDescriptionShowsOnlyKeyIDs() throws {
        let key = MasterKey.generate()
        let ring = try ring(key)
        #expect(ring.description == "MasterKeyRing(\(key.id))")
        #expect(!ring.description.contains(key.base64))
    }
}
