import Foundation
import VigilCore
import VigilStore

/// Patient data as one caller may see it. Every method checks access before
/// touching data and audits the outcome; a patient the caller may not see is
/// reported exactly like one that does not exist (404), so its existence is
/// never revealed.
struct PatientRepository: Sendable {
    let store: any Store
    let caller: SecureRoutes.Caller

    private var user: User { caller.user }
    private var auditor: Auditor { caller.auditor }

    /// The patients the caller may see: all for admins, the care team's for
    /// clinicians, their own record for patient users.
    func visiblePatients() async throws -> [Patient] {
        let patients: [Patient]
        switch user.role {
        case .admin: patients = try await store.patients.all()
        case .clinician: patients = try await store.patients.patients(onCareTeamOf: user.id)
        case .patient: patients = try await user.patientID.asyncMap { try await store.patients.patient($0) }.map { [$0] } ?? []
        }
        try await auditor.record("patient.list", detail: "count=\(patients.count)")
        return patients
    }

    /// One patient, if the caller may see it; audited as `action`.
    func patient(_ id: PatientID, action: String = "patient.read") async throws -> Patient {
        guard try await canSee(id), let patient = try await store.patients.patient(id) else {
            try await auditor.record(action, patient: id, outcome: .denied, detail: "not visible")
            throw VigilError.notFound("patient")
        }
        try await auditor.record(action, patient: id)
        return patient
    }

    /// Checks the caller may see a patient and audits `action` on it; throws 404 otherwise.
    func authorize(_ action: String, on id: PatientID) async throws {
        _ = try await patient(id, action: action)
    }

    /// Creates a patient (admins only, checked by the route).
    func create(_ patient: Patient) async throws {
        try await store.patients.create(patient)
        try await auditor.record("patient.create", patient: patient.id)
    }

    /// Applies a change to a visible patient and stores it.
    func update(_ id: PatientID, _ change: (inout Patient) throws -> Void) async throws -> Patient {
        var patient = try await patient(id, action: "patient.update")
        try change(&patient)
        patient.updatedAt = caller.auditor.now()
        try await store.patients.update(patient)
        return patient
    }

    /// Replaces the care team of a patient with existing clinicians.
    func setCareTeam(of id: PatientID, to clinicians: [UserID]) async throws {
        _ = try await patient(id, action: "patient.care_team.update")
        for clinician in clinicians {
            guard let member = try await store.users.user(clinician), member.role == .clinician else {
                throw VigilError.badRequest("Every care-team member must be an existing clinician.", code: "invalid_care_team")
            }
        }
        try await store.patients.setCareTeam(of: id, to: Array(Set(clinicians)).sorted { $0.rawValue < $1.rawValue })
    }

    /// Whether the caller may see a patient, by role and care team (not audited).
    func canSee(_ id: PatientID) async throws -> Bool {
        switch user.role {
        case .admin: true
        case .clinician: try await store.patients.isOnCareTeam(user.id, patient: id)
        case .patient: user.patientID == id
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
