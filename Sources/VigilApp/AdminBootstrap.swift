import Foundation
import Logging
import VigilCore
import VigilSecurity
import VigilStore

/// Creates the administrator `admin` on first start with an empty database.
public struct AdminBootstrap: Sendable {
    /// What the bootstrap did.
    public enum Outcome: Sendable, Equatable {
        /// Users existed already; nothing was created.
        case alreadyInitialized
        /// `admin` was created with the configured password.
        case createdWithConfiguredPassword
        /// `admin` was created with this random password, to be shown once.
        case createdWithGeneratedPassword(String)
    }

    public static let adminUsername = "admin"

    let store: any Store
    let passwords: PasswordHasher

    public init(store: any Store, passwords: PasswordHasher) {
        self.store = store
        self.passwords = passwords
    }

    /// Creates `admin` when there are no users yet.
    public func run(configuredPassword: String?, now: Date) async throws -> Outcome {
        guard try await store.users.count() == 0 else { return .alreadyInitialized }
        let password = configuredPassword ?? SecureRandom.base64URL(byteCount: 18)
        let admin = User(
            username: Self.adminUsername, displayName: "Administrator", role: .admin,
            passwordHash: try await passwords.hash(password), createdAt: now)
        do {
            try await store.users.create(admin)
        } catch let error as StoreError where error.code == .conflict {
            return .alreadyInitialized  // another node created it first
        }
        try await store.audit.append(
            AuditEntry(time: now, userID: admin.id, username: admin.username, role: .admin, action: "user.bootstrap", outcome: .success))
        return configuredPassword == nil ? .createdWithGeneratedPassword(password) : .createdWithConfiguredPassword
    }
}
