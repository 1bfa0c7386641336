/// What a TLS server needs, as files and as PEM text: the certificate chain
/// (leaf first), its private key and, for generated certificates, the CA that
/// devices should trust.
///
/// Build the TLS configuration from these (TLS 1.2 minimum: the Azure IoT
/// SDKs use TLS 1.2). ``description`` leaves the private key out.
public struct TLSCredentials: Sendable, Hashable, CustomStringConvertible {
    /// How the credentials were obtained.
    public enum Origin: Sendable, Hashable {
        /// Existing generated files were still good and were reused.
        case reused
        /// A new server certificate was issued by the existing CA.
        case issuedServerCertificate
        /// A new CA and server certificate were generated; devices must be
        /// given the new `ca.pem`.
        case createdAuthority
        /// Loaded from paths given by the operator.
        case provided
    }

    /// How the credentials were obtained.
    public let origin: Origin
    /// Path of the PEM certificate chain: the server certificate, then its issuers.
    public let certificateChainPath: String
    /// Path of the PEM private key of the server certificate.
    public let privateKeyPath: String
    /// Path of the CA certificate devices should trust; nil when provided by the operator.
    public let caCertificatePath: String?
    /// The certificate chain as PEM text.
    public let certificateChainPEM: String
    /// The private key as PEM text (PKCS #8 for generated keys).
    public let privateKeyPEM: String
    /// The CA certificate as PEM text; nil when provided by the operator.
    public let caCertificatePEM: String?

    /// Credentials from their parts.
    public init(
        origin: Origin, certificateChainPath: String, privateKeyPath: String, caCertificatePath: String?,
        certificateChainPEM: String, privateKeyPEM: String, caCertificatePEM: String?
    ) {
        self.origin = origin
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.caCertificatePath = caCertificatePath
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
        self.caCertificatePEM = caCertificatePEM
    }

    /// The origin and paths; never the private key.
    public var description: String {
        "TLSCredentials(\(origin), chain: \(certificateChainPath), key: \(privateKeyPath)"
            + (caCertificatePath.map { ", ca: \($0))" } ?? ")")
    }
}
