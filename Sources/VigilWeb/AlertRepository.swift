import Foundation
import VigilCore
import VigilMonitoring
import VigilStore

/// Alerts as one caller may see and act on them: admins all, clinicians
/// their care teams' patients'. Every method checks access before touching
/// data and audits the outcome; an alert of a patient the caller may not see
/// is reported exactly like one that does not exist (404).
struct AlertRepository: Sendable {
    let dependencies: WebDependencies
    let caller: SecureRoutes.Caller

    private var patients: PatientRepository { PatientRepository(store: dependencies.store, caller: caller) }

    /// The longest note accepted.
    static let maximumNoteLength = 2000

    /// Visible alerts, optionally of one patient and in some states, newest first.
    func list(states: Set<AlertState>, patient: PatientID?, limit: Int) async throws -> [Alert] {
        var query = AlertQuery(states: states, limit: limit)
        if let patient {
            guard try await patients.canSee(patient) else {
                try await caller.auditor.record("alert.list", patient: patient, outcome: .denied, detail: "not visible")
                throw VigilError.notFound("patient")
            }
            query.patients = [patient]
        } else if caller.user.role != .admin {
            query.patients = try await dependencies.store.patients.patients(onCareTeamOf: caller.user.id).map(\.id)
        }
        let alerts = try await dependencies.store.alerts.alerts(matching: query)
        try await caller.auditor.record("alert.list", patient: patient, detail: "count=\(alerts.count)")
        return alerts
    }

    /// One visible alert, audited as `action`.
    func alert(_ id: AlertID, action: String = "alert.read") async throws -> Alert {
        guard let alert = try await dependencies.store.alerts.alert(id), try await canSee(alert) else {
            try await caller.auditor.record(action, outcome: .denied, detail: "alert=\(id) not visible")
            throw VigilError.notFound("alert")
        }
        if action == "alert.read" { try await caller.auditor.record(action, patient: alert.patientID, detail: "alert=\(id)") }
        return alert
    }

    /// A patient's alert is visible as the patient is; an operational alert
    /// (no patient) to administrators only.
    private func canSee(_ alert: Alert) async throws -> Bool {
        guard let patient = alert.patientID else { return caller.user.role == .admin }
        return try await patients.canSee(patient)
    }

    /// Acknowledges a visible open alert.
    func acknowledge(_ id: AlertID, note: String?) async throws -> Alert {
        try await act("alert.acknowledge", on: id, note: note) { manager, note in
            try await manager.acknowledge(id, by: caller.user.id, note: note)
        }
    }

    /// Resolves a visible open or acknowledged alert.
    func resolve(_ id: AlertID, note: String?) async throws -> Alert {
        try await act("alert.resolve", on: id, note: note) { manager, note in
            try await manager.resolve(id, by: caller.user.id, note: note)
        }
    }

    private func act(
        _ action: String, on id: AlertID, note: String?,
        _ step: (AlertManager, String?) async throws -> Alert
    ) async throws -> Alert {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > Self.maximumNoteLength {
            throw VigilError.badRequest("note must be at most \(Self.maximumNoteLength) characters.", code: "invalid_note")
        }
        let visible = try await alert(id, action: action)
        do {
            let alert = try await step(dependencies.alerts, note?.isEmpty == true ? nil : note)
            try await caller.auditor.record(action, patient: alert.patientID, detail: "alert=\(id)")
            return alert
        } catch let error as AlertTransitionError {
            try await caller.auditor.record(
                action, patient: visible.patientID, outcome: .failure, detail: "alert=\(id) \(error.code.rawValue)")
            let message =
                error.code == .notOpen ? "Only an open alert can be acknowledged." : "The alert is already resolved."
            throw VigilError(.conflict, code: error.code.rawValue, message: message)
        }
    }
}
