import Foundation
import VigilCore
import VigilMonitoring
import VigilStore

/// Which live events one subscriber may receive: admins every event;
/// clinicians those of their care teams' patients (the team is re-read at
/// most every `refreshInterval`, so a removal takes effect within it);
/// patient users only their own `news2.updated` events. Operational alerts
/// (no patient) reach administrators only.
struct EventVisibility {
    let user: User
    let store: any Store
    let now: @Sendable () -> Date
    /// How long a clinician's care-team list is trusted. 30 seconds.
    static let refreshInterval: TimeInterval = 30
    private var patients: Set<PatientID> = []
    private var loadedAt: Date?

    init(user: User, store: any Store, now: @escaping @Sendable () -> Date) {
        self.user = user
        self.store = store
        self.now = now
    }

    /// Whether the subscriber may receive `event`.
    mutating func allows(_ event: LiveEvent) async throws -> Bool {
        switch user.role {
        case .admin:
            return true
        case .patient:
            return !event.isAlertEvent && event.patientID != nil && user.patientID == event.patientID
        case .clinician:
            guard let patient = event.patientID else { return false }
            let time = now()
            if let loadedAt, abs(time.timeIntervalSince(loadedAt)) < Self.refreshInterval {
                return patients.contains(patient)
            }
            patients = Set(try await store.patients.patients(onCareTeamOf: user.id).map(\.id))
            loadedAt = time
            return patients.contains(patient)
        }
    }
}
