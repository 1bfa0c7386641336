import VigilCore

/// Stores patients and their care teams. It does not check access:
/// callers (the per-request repositories in VigilWeb) do.
public protocol PatientStore: Sendable {
    func create(_ patient: Patient) async throws
    /// Replaces the stored patient with the same id; throws `StoreError.notFound` if there is none.
    func update(_ patient: Patient) async throws
    func patient(_ id: PatientID) async throws -> Patient?
    /// Every patient, ordered by display name then id.
    func all() async throws -> [Patient]
    /// Patients whose care team includes the clinician, ordered as `all()`.
    func patients(onCareTeamOf clinician: UserID) async throws -> [Patient]
    /// The clinicians on a patient's care team.
    func careTeam(of patient: PatientID) async throws -> [UserID]
    /// Replaces a patient's care team.
    func setCareTeam(of patient: PatientID, to clinicians: [UserID]) async throws
    /// Whether the clinician is on the patient's care team.
    func isOnCareTeam(_ clinician: UserID, patient: PatientID) async throws -> Bool
}

/// Stores devices.
public protocol DeviceStore: Sendable {
    /// Throws `StoreError.conflict` if a device with that id exists.
    func create(_ device: Device) async throws
    /// Replaces the stored device; throws `StoreError.notFound` if there is none.
    func update(_ device: Device) async throws
    func device(_ id: DeviceID) async throws -> Device?
    /// Every device, or only a patient's, ordered by id.
    func devices(of patient: PatientID?) async throws -> [Device]
}

/// Stores users.
public protocol UserStore: Sendable {
    /// Throws `StoreError.conflict` if the username is taken.
    func create(_ user: User) async throws
    /// Replaces the stored user; throws `StoreError.notFound` if there is none.
    func update(_ user: User) async throws
    func user(_ id: UserID) async throws -> User?
    func user(named username: String) async throws -> User?
    /// Every user, ordered by username.
    func all() async throws -> [User]
    func count() async throws -> Int
}
