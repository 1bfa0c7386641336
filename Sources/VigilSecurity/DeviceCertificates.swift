import Crypto
import Foundation
import SwiftASN1
import X509

/// The TLS certificates devices see: a local certificate authority and a
/// server certificate it issued for the configured host name, generated on
/// first start and reused after; or certificates the operator provides.
///
/// Files in the folder:
/// - `ca.pem`: the CA certificate, what devices trust (`server_verification_cert`).
/// - `ca-key.pem`: the CA's private key (mode 0600), kept to issue new server certificates.
/// - `server.pem`: the server certificate followed by the CA certificate.
/// - `server-key.pem`: the server's private key (mode 0600).
///
/// Keys are P-256 ECDSA; certificates are signed with ECDSA-SHA256.
public struct DeviceCertificates: Sendable {
    /// Settings for generated certificates.
    public struct Configuration: Sendable {
        /// The folder holding the certificate files; created (mode 0700) if missing.
        public var folder: URL
        /// The name devices connect to (the IoT Hub `HostName`): a DNS name
        /// or an IP address. The server certificate always also covers
        /// `localhost`, 127.0.0.1 and ::1.
        public var hostName: String
        /// How long a generated CA is valid. Default 10 years.
        public var authorityLifetime: TimeInterval
        /// How long a generated server certificate is valid. Default 2 years.
        public var serverLifetime: TimeInterval
        /// A server certificate expiring within this interval is replaced at
        /// start-up. Default 30 days.
        public var renewalMargin: TimeInterval

        /// Settings for a folder and host name; the lifetimes default as documented.
        public init(
            folder: URL, hostName: String, authorityLifetime: TimeInterval = 3653 * 86400,
            serverLifetime: TimeInterval = 730 * 86400, renewalMargin: TimeInterval = 30 * 86400
        ) {
            self.folder = folder
            self.hostName = hostName
            self.authorityLifetime = authorityLifetime
            self.serverLifetime = serverLifetime
            self.renewalMargin = renewalMargin
        }
    }

    /// The CA certificate's file name.
    public static let caCertificateFileName = "ca.pem"
    /// The CA private key's file name.
    public static let caKeyFileName = "ca-key.pem"
    /// The server certificate chain's file name.
    public static let serverCertificateFileName = "server.pem"
    /// The server private key's file name.
    public static let serverKeyFileName = "server-key.pem"

    /// The settings.
    public let configuration: Configuration

    /// Certificates with these settings.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Makes sure the folder holds a usable CA and server certificate, and returns them.
    ///
    /// - The CA is created if `ca.pem` and `ca-key.pem` are both missing, or
    ///   if the CA has expired.
    /// - The server certificate is reused if it was issued by the CA for a key
    ///   in `server-key.pem`, covers the host name, and is valid beyond the
    ///   renewal margin; otherwise the CA issues a new one.
    ///
    /// - Parameter now: the current time.
    /// - Throws: ``DeviceCertificateError``, for example if only one of the CA files
    ///   exists or either does not parse (the CA is never replaced silently
    ///   while it is still valid, since devices trust it).
    public func prepare(now: Date = Date()) throws -> TLSCredentials {
        let host = try Self.normalizedHost(configuration.hostName)
        do {
            try SecureFile.makeFolder(configuration.folder)
        } catch {
            throw DeviceCertificateError.writeFailed(configuration.folder.lastPathComponent)
        }
        var origin = TLSCredentials.Origin.reused
        let authority: Authority
        if let existing = try loadAuthority(), existing.certificate.notValidAfter > now {
            authority = existing
        } else {
            authority = try createAuthority(now: now)
            origin = .createdAuthority
        }
        if origin == .reused, let chain = loadServer(issuedBy: authority, host: host, now: now) {
            return credentials(origin: .reused, chain: chain.pem, key: chain.keyPEM, authority: authority)
        }
        if origin == .reused { origin = .issuedServerCertificate }
        let server = try issueServerCertificate(by: authority, host: host, now: now)
        return credentials(origin: origin, chain: server.pem, key: server.keyPEM, authority: authority)
    }

    /// Loads a certificate chain and private key the operator provides
    /// (`--tls-certificate`, `--tls-key`), checking that both parse and that
    /// the key belongs to the first certificate.
    ///
    /// - Throws: ``DeviceCertificateError``.
    public static func load(certificateChainPath: String, privateKeyPath: String) throws -> TLSCredentials {
        let chainURL = URL(fileURLWithPath: certificateChainPath)
        let keyURL = URL(fileURLWithPath: privateKeyPath)
        let chainPEM = try readText(chainURL)
        let keyPEM = try readText(keyURL)
        guard let leaf = try? certificates(inPEM: chainPEM).first else {
            throw DeviceCertificateError.invalidCertificate(chainURL.lastPathComponent)
        }
        guard let key = try? Certificate.PrivateKey(pemEncoded: keyPEM) else {
            throw DeviceCertificateError.invalidPrivateKey(keyURL.lastPathComponent)
        }
        guard key.publicKey == leaf.publicKey else { throw DeviceCertificateError.keyMismatch }
        return TLSCredentials(
            origin: .provided, certificateChainPath: chainURL.path, privateKeyPath: keyURL.path,
            caCertificatePath: nil, certificateChainPEM: chainPEM, privateKeyPEM: keyPEM, caCertificatePEM: nil)
    }

    /// Whether a certificate's subject alternative names cover a host name or IP address.
    public static func certificate(_ certificate: Certificate, covers hostName: String) -> Bool {
        guard let host = try? normalizedHost(hostName),
            let names = try? certificate.extensions.subjectAlternativeNames
        else { return false }
        let target = subjectAlternativeName(for: host)
        return names.contains { name in
            switch (name, target) {
            case (.dnsName(let present), .dnsName(let wanted)): return present.lowercased() == wanted
            case (.ipAddress(let present), .ipAddress(let wanted)): return present.bytes == wanted.bytes
            default: return false
            }
        }
    }

    /// Every certificate in PEM text, in order.
    public static func certificates(inPEM text: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: text)
            .filter { $0.discriminator == Certificate.defaultPEMDiscriminator }
            .map { try Certificate(pemDocument: $0) }
    }

    // MARK: - Files

    func url(_ fileName: String) -> URL {
        configuration.folder.appendingPathComponent(fileName)
    }

    private func credentials(origin: TLSCredentials.Origin, chain: String, key: String, authority: Authority)
        -> TLSCredentials
    {
        TLSCredentials(
            origin: origin, certificateChainPath: url(Self.serverCertificateFileName).path,
            privateKeyPath: url(Self.serverKeyFileName).path,
            caCertificatePath: url(Self.caCertificateFileName).path, certificateChainPEM: chain,
            privateKeyPEM: key, caCertificatePEM: authority.pem)
    }

    static func readText(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DeviceCertificateError.unreadable(url.lastPathComponent)
        }
        return String(decoding: data, as: UTF8.self)
    }

    func write(_ text: String, to fileName: String, mode: mode_t) throws {
        do {
            try SecureFile.replace(url(fileName), with: Data(text.utf8), mode: mode)
        } catch {
            throw DeviceCertificateError.writeFailed(String(describing: error))
        }
    }
}
