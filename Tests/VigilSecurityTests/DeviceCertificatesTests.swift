import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

@testable import VigilSecurity

@Suite struct DeviceCertificatesTests {
    func certificates(in folder: TemporaryFolder, host: String = "hub.example") -> DeviceCertificates {
        DeviceCertificates(configuration: .init(folder: folder.url, hostName: host))
    }

    func leaf(of credentials: TLSCredentials) throws -> Certificate {
        try #require(try DeviceCertificates.certificates(inPEM: credentials.certificateChainPEM).first)
    }

    func authority(of credentials: TLSCredentials) throws -> Certificate {
        try Certificate(pemEncoded: try #require(credentials.caCertificatePEM))
    }

    /// Validates the server certificate against the CA alone, as a device would.
    func validates(_ credentials: TLSCredentials, hostName: String?, ip: String? = nil) async throws -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore([try authority(of: credentials)])) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: hostName, serverIP: ip)
        }
        let result = await verifier.validate(leaf: try leaf(of: credentials), intermediates: CertificateStore())
        if case .validCertificate = result { return true }
        return false
    }

    @Test func generatesTheCAAndServerFilesOnFirstStart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credentials = try certificates(in: folder).prepare()
        #expect(credentials.origin == .createdAuthority)
        for name in ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem"] {
            #expect(FileManager.default.fileExists(atPath: folder.file(name).path), "\(name)")
        }
        #expect(try folder.permissions(of: "server-key.pem") == 0o600)
        #expect(try folder.permissions(of: "ca-key.pem") == 0o600)
        #expect(try folder.permissions(of: "ca.pem") == 0o644)
        #expect(credentials.certificateChainPath == folder.file("server.pem").path)
        #expect(credentials.privateKeyPath == folder.file("server-key.pem").path)
        #expect(credentials.caCertificatePath == folder.file("ca.pem").path)
        #expect(try String(contentsOf: folder.file("server-key.pem"), encoding: .utf8) == credentials.privateKeyPEM)
        #expect(!credentials.description.contains("PRIVATE KEY"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.hasPrefix(".")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func theCAVerifiesTheServerCertificate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credentials = try certificates(in: folder).prepare()
        #expect(try await validates(credentials, hostName: "hub.example"))
        #expect(try await validates(credentials, hostName: "HUB.example"))
        #expect(try await validates(credentials, hostName: "localhost"))
        #expect(try await validates(credentials, hostName: nil, ip: "127.0.0.1"))
        #expect(try await validates(credentials, hostName: nil, ip: "::1"))
        #expect(try await !validates(credentials, hostName: "other.example"))
        #expect(try await !validates(credentials, hostName: nil, ip: "10.0.0.1"))
    }

    @Test func theChainIsTheServerCertificateThenTheCA() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credentials = try certificates(in: folder).prepare()
        let chain = try DeviceCertificates.certificates(inPEM: credentials.certificateChainPEM)
        #expect(chain.count == 2)
        #expect(chain[1] == (try authority(of: credentials)))
        #expect(chain[0].issuer == chain[1].subject)
    }

    @Test func certificatesHaveTheExpectedExtensionsAndLifetimes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let now = Date()
        let credentials = try certificates(in: folder).prepare(now: now)
        let ca = try authority(of: credentials)
        let server = try leaf(of: credentials)

        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try ca.extensions.keyUsage?.keyCertSign == true)
        #expect(ca.issuer == ca.subject)
        #expect(ca.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(abs(ca.notValidAfter.timeIntervalSince(now) - 3653 * 86400) < 5)
        #expect(P256.Signing.PublicKey(ca.publicKey) != nil)

        #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try server.extensions.keyUsage?.digitalSignature == true)
        #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        #expect(
            try server.extensions.authorityKeyIdentifier?.keyIdentifier
                == ca.extensions.subjectKeyIdentifier?.keyIdentifier)
        let names = try #require(try server.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("hub.example")))
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1]))))
        #expect(abs(server.notValidAfter.timeIntervalSince(now) - 730 * 86400) < 5)
        #expect(server.notValidBefore < now)
        #expect(P256.Signing.PublicKey(server.publicKey) != nil)
    }

    @Test func reusesTheFilesOnASecondStart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try certificates(in: folder).prepare()
        let second = try certificates(in: folder).prepare()
        #expect(second.origin == .reused)
        #expect(second.certificateChainPEM == first.certificateChainPEM)
        #expect(second.privateKeyPEM == first.privateKeyPEM)
        #expect(second.caCertificatePEM == first.caCertificatePEM)
    }

    @Test func reissuesTheServerCertificateWithTheSameCAWhenTheHostChanges() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try certificates(in: folder, host: "hub.example").prepare()
        let second = try certificates(in: folder, host: "clinic.example").prepare()
        #expect(second.origin == .issuedServerCertificate)
        #expect(second.caCertificatePEM == first.caCertificatePEM)
        #expect(second.privateKeyPEM != first.privateKeyPEM)
        #expect(try await validates(second, hostName: "clinic.example"))
        #expect(try await !validates(second, hostName: "hub.example"))
        #expect(try certificates(in: folder, host: "clinic.example").prepare().origin == .reused)
    }

    @Test func reissuesTheServerCertificateBeforeItExpires() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let now = Date()
        let first = try certificates(in: folder).prepare(now: now)
        let later = try certificates(in: folder).prepare(now: now + 720 * 86400)
        #expect(later.origin == .issuedServerCertificate)
        #expect(later.caCertificatePEM == first.caCertificatePEM)
    }

    @Test func reissuesTheServerCertificateWhenItsKeyIsMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try certificates(in: folder).prepare()
        try FileManager.default.removeItem(at: folder.file("server-key.pem"))
        let second = try certificates(in: folder).prepare()
        #expect(second.origin == .issuedServerCertificate)
        #expect(second.caCertificatePEM == first.caCertificatePEM)
    }

    @Test func coversAnIPAddressHostName() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credentials = try certificates(in: folder, host: "192.168.1.20").prepare()
        #expect(try await validates(credentials, hostName: nil, ip: "192.168.1.20"))
        let names = try #require(try leaf(of: credentials).extensions.subjectAlternativeNames)
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [192, 168, 1, 20]))))
        #expect(!names.contains(.dnsName("192.168.1.20")))
    }

    @Test func refusesAHostNameThatCannotBeInACertificate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for host in ["", "bad host", "a..b", "hub/example"] {
            #expect(throws: DeviceCertificateError.invalidHostName) {
                try certificates(in: folder, host: host).prepare()
            }
        }
    }

    @Test func refusesToReplaceACAWhoseKeyIsMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try certificates(in: folder).prepare()
        try FileManager.default.removeItem(at: folder.file("ca-key.pem"))
        #expect(throws: DeviceCertificateError.self) { try certificates(in: folder).prepare() }
    }

    @Test func loadsACertificateChainAndKeyGivenByTheOperator() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let generated = try certificates(in: folder).prepare()
        let loaded = try DeviceCertificates.load(
            certificateChainPath: generated.certificateChainPath, privateKeyPath: generated.privateKeyPath)
        #expect(loaded.origin == .provided)
        #expect(loaded.certificateChainPEM == generated.certificateChainPEM)
        #expect(loaded.privateKeyPEM == generated.privateKeyPEM)
        #expect(loaded.caCertificatePEM == nil)
    }

    @Test func refusesAnOperatorKeyThatDoesNotMatchTheCertificate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let generated = try certificates(in: folder).prepare()
        #expect(throws: DeviceCertificateError.keyMismatch) {
            try DeviceCertificates.load(
                certificateChainPath: generated.certificateChainPath, privateKeyPath: folder.file("ca-key.pem").path)
        }
        #expect(throws: DeviceCertificateError.invalidCertificate("server-key.pem")) {
            try DeviceCertificates.load(
                certificateChainPath: generated.privateKeyPath, privateKeyPath: generated.privateKeyPath)
        }
        #expect(throws: DeviceCertificateError.unreadable("missing.pem")) {
            try DeviceCertificates.load(
                certificateChainPath: folder.file("missing.pem").path, privateKeyPath: generated.privateKeyPath)
        }
    }

    static let python3 = ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A TLS 1.2 handshake in Python's `ssl` (OpenSSL), the library the Azure
    /// IoT Python SDK uses: the client trusts only `ca.pem` and checks the host name.
    static let handshakeScript = """
        import ssl, sys
        ca, chain, key, host = sys.argv[1:5]
        server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.minimum_version = ssl.TLSVersion.TLSv1_2
        server.load_cert_chain(chain, key)
        client = ssl.create_default_context(cafile=ca)
        client.verify_flags |= ssl.VERIFY_X509_STRICT
        client.maximum_version = ssl.TLSVersion.TLSv1_2
        bios = [ssl.MemoryBIO() for _ in range(4)]
        c = client.wrap_bio(bios[0], bios[1], server_hostname=host)
        s = server.wrap_bio(bios[2], bios[3], server_side=True)
        done = set()
        for _ in range(20):
            for name, end in (("c", c), ("s", s)):
                if name in done: continue
                try:
                    end.do_handshake(); done.add(name)
                except ssl.SSLWantReadError:
                    pass
            bios[2].write(bios[1].read()); bios[0].write(bios[3].read())
            if len(done) == 2: break
        print(c.version() if len(done) == 2 else "incomplete")
        """

    func pythonHandshake(_ credentials: TLSCredentials, host: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python3!)
        process.arguments = [
            "-c", Self.handshakeScript, credentials.caCertificatePath!, credentials.certificateChainPath,
            credentials.privateKeyPath, host,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0
            ? String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "failed"
    }

    @Test(.enabled(if: python3 != nil)) func pythonSSLTrustsTheServerThroughTheCA() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credentials = try certificates(in: folder).prepare()
        #expect(try pythonHandshake(credentials, host: "hub.example") == "TLSv1.2")
        #expect(try pythonHandshake(credentials, host: "localhost") == "TLSv1.2")
        #expect(try pythonHandshake(credentials, host: "127.0.0.1") == "TLSv1.2")
        #expect(try pythonHandshake(credentials, host: "other.example") == "failed")
    }
}
