import Crypto
import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DeviceCertificates {
    /// A CA certificate with its private key.
    struct Authority {
        let certificate: Certificate
        let key: Certificate.PrivateKey
        let pem: String
    }

    /// A server certificate chain (leaf, then CA) with its private key.
    struct ServerChain {
        let pem: String
        let keyPEM: String
    }

    /// Permissions of certificate files.
    private static let publicFileMode: mode_t = 0o644
    /// Permissions of private key files.
    private static let privateFileMode: mode_t = 0o600
    /// Start validity an hour early, so devices with a slow clock accept a fresh certificate.
    private static let backdating: TimeInterval = 3600

    /// The CA in the folder; nil if neither of its files exists.
    func loadAuthority() throws -> Authority? {
        let certificateURL = url(Self.caCertificateFileName)
        let keyURL = url(Self.caKeyFileName)
        let manager = FileManager.default
        let hasCertificate = manager.fileExists(atPath: certificateURL.path)
        let hasKey = manager.fileExists(atPath: keyURL.path)
        if !hasCertificate && !hasKey { return nil }
        guard hasCertificate else { throw DeviceCertificateError.unreadable(Self.caCertificateFileName) }
        guard hasKey else { throw DeviceCertificateError.unreadable(Self.caKeyFileName) }
        let pem = try Self.readText(certificateURL)
        guard let certificate = try? Certificate(pemEncoded: pem) else {
            throw DeviceCertificateError.invalidCertificate(Self.caCertificateFileName)
        }
        guard let key = try? Certificate.PrivateKey(pemEncoded: Self.readText(keyURL)) else {
            throw DeviceCertificateError.invalidPrivateKey(Self.caKeyFileName)
        }
        guard key.publicKey == certificate.publicKey else { throw DeviceCertificateError.keyMismatch }
        return Authority(certificate: certificate, key: key, pem: pem)
    }

    /// Generates a CA and writes `ca-key.pem` then `ca.pem`.
    func createAuthority(now: Date) throws -> Authority {
        let signingKey = P256.Signing.PrivateKey()
        let key = Certificate.PrivateKey(signingKey)
        do {
            // A random suffix keeps successive CAs' names apart, which helps clients build chains.
            let name = try DistinguishedName {
                OrganizationName("Vigil")
                CommonName("Vigil Device CA \(SecureRandom.bytes(4).hexString)")
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now - Self.backdating, notValidAfter: now + configuration.authorityLifetime,
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
                issuerPrivateKey: key)
            let pem = try certificate.serializeAsPEM().pemString + "\n"
            try write(signingKey.pemRepresentation + "\n", to: Self.caKeyFileName, mode: Self.privateFileMode)
            try write(pem, to: Self.caCertificateFileName, mode: Self.publicFileMode)
            return Authority(certificate: certificate, key: key, pem: pem)
        } catch let error as DeviceCertificateError {
            throw error
        } catch {
            throw DeviceCertificateError.generationFailed
        }
    }

    /// The server chain in the folder, if it is still good: issued by this
    /// CA, for the key beside it, covering the host, not expiring soon.
    func loadServer(issuedBy authority: Authority, host: String, now: Date) -> ServerChain? {
        guard let pem = try? Self.readText(url(Self.serverCertificateFileName)),
            let keyPEM = try? Self.readText(url(Self.serverKeyFileName)),
            let leaf = try? Self.certificates(inPEM: pem).first,
            let key = try? Certificate.PrivateKey(pemEncoded: keyPEM)
        else { return nil }
        guard key.publicKey == leaf.publicKey,
            leaf.issuer == authority.certificate.subject,
            authority.certificate.publicKey.isValidSignature(leaf.signature, for: leaf),
            leaf.notValidBefore <= now, leaf.notValidAfter > now + configuration.renewalMargin,
            Self.certificate(leaf, covers: host)
        else { return nil }
        return ServerChain(pem: pem, keyPEM: keyPEM)
    }

    /// Issues a server certificate for the host and writes `server-key.pem` then `server.pem`.
    func issueServerCertificate(by authority: Authority, host: String, now: Date) throws -> ServerChain {
        let signingKey = P256.Signing.PrivateKey()
        let key = Certificate.PrivateKey(signingKey)
        do {
            let subject = try DistinguishedName {
                OrganizationName("Vigil")
                CommonName(host)
            }
            let usage = try ExtendedKeyUsage([.serverAuth])
            let authorityKeyID =
                try authority.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
                ?? SubjectKeyIdentifier(hash: authority.certificate.publicKey).keyIdentifier
            var names: [GeneralName] = []
            for name in [Self.subjectAlternativeName(for: host)] + Self.loopbackNames where !names.contains(name) {
                names.append(name)
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                usage
                SubjectKeyIdentifier(hash: key.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
                SubjectAlternativeNames(names)
            }
            let notValidAfter = min(now + configuration.serverLifetime, authority.certificate.notValidAfter)
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now - Self.backdating, notValidAfter: notValidAfter,
                issuer: authority.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: authority.key)
            let pem = try certificate.serializeAsPEM().pemString + "\n" + authority.pem
            let keyPEM = signingKey.pemRepresentation + "\n"
            try write(keyPEM, to: Self.serverKeyFileName, mode: Self.privateFileMode)
            try write(pem, to: Self.serverCertificateFileName, mode: Self.publicFileMode)
            return ServerChain(pem: pem, keyPEM: keyPEM)
        } catch let error as DeviceCertificateError {
            throw error
        } catch {
            throw DeviceCertificateError.generationFailed
        }
    }

    // MARK: - Names

    /// `localhost`, 127.0.0.1 and ::1: always in the server certificate, for local clients.
    private static let loopbackNames: [GeneralName] = [
        .dnsName("localhost"),
        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
        .ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1])),
    ]

    /// A host name lowercased without a trailing dot, or an IP address without
    /// brackets, after checking it can go in a certificate.
    static func normalizedHost(_ hostName: String) throws -> String {
        var host = hostName.trimmingCharacters(in: .whitespaces)
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if ipAddressBytes(host) != nil { return host }
        if host.hasSuffix(".") { host.removeLast() }
        host = host.lowercased()
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let isValid =
            !host.isEmpty && host.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63
                    && label.utf8.allSatisfy { byte in
                        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    }
            }
        guard isValid else { throw DeviceCertificateError.invalidHostName }
        return host
    }

    /// The subject alternative name for a normalized host: an IP address or a DNS name.
    static func subjectAlternativeName(for host: String) -> GeneralName {
        if let bytes = ipAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: bytes[...])) }
        return .dnsName(host)
    }

    /// The network-order bytes of an IPv4 or IPv6 address in text form.
    private static func ipAddressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
