import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt, off the cooperative thread pool
/// (bcrypt is deliberately slow).
public struct PasswordHasher: Sendable {
    /// Settings for password hashing.
    public struct Configuration: Sendable {
        /// The bcrypt cost (log2 of rounds). Default 12; tests may use the minimum, 4.
        public var cost: UInt8
        /// Shortest password accepted for a new or reset password. Default 10.
        public var minimumLength: Int

        public init(cost: UInt8 = 12, minimumLength: Int = 10) {
            self.cost = cost
            self.minimumLength = minimumLength
        }
    }

    public let configuration: Configuration
    /// Checked when the username is unknown, so a failed sign-in takes as long
    /// either way and does not reveal which usernames exist.
    private let decoyHash: String

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        self.decoyHash = Bcrypt.hash("decoy password that matches nothing", cost: configuration.cost)
    }

    /// The bcrypt hash of a password.
    public func hash(_ password: String) async throws -> String {
        let cost = configuration.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether the password matches the hash. With `hash == nil` (no such user)
    /// it spends the same time and returns false.
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target = hash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }

    /// Whether a password is acceptable as a new password.
    public func isAcceptable(_ password: String) -> Bool {
        password.count >= configuration.minimumLength && password.utf8.count <= 72
    }
}
