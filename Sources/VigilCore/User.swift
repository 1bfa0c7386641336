import Foundation

/// A person who signs in to Vigil.
public struct User: Codable, Sendable, Hashable, Identifiable {
    public var id: UserID
    /// Unique sign-in name (case-sensitive).
    public var username: String
    public var displayName: String
    public var role: Role
    /// For `.patient` users, the one patient record they may see.
    public var patientID: PatientID?
    /// bcrypt hash of the password; never serialized to clients.
    public var passwordHash: String
    public var isDisabled: Bool
    public var createdAt: Date

    public init(
        id: UserID = .random(), username: String, displayName: String, role: Role,
        patientID: PatientID? = nil, passwordHash: String, isDisabled: Bool = false, createdAt: Date = Date()
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.patientID = patientID
        self.passwordHash = passwordHash
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }
}
