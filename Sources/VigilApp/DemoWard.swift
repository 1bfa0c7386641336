import Foundation
import VigilCore
import VigilSecurity
import VigilSimulator
import VigilStore
import VigilWeb

/// The demo ward: a simulation plan, and the users, patients (with care
/// team) and devices it needs in the store.
///
/// Patients have MRNs `DEMO-{n}` and devices ids `demo-{n}-{kind}`, so a
/// restart on the same data finds them again instead of creating them twice.
public struct DemoWard: Sendable {
    /// The simulation behind the ward.
    public let plan: SimulationPlan
    /// Each plan patient's id in the store, by plan index.
    public let patientIDs: [PatientID]
    /// Whether this call created the ward (a fresh data folder).
    public let isNew: Bool

    /// The plan of a demo configuration starting at `start`.
    public static func plan(_ configuration: DemoConfiguration, start: Date) -> SimulationPlan {
        var options = SimulationPlan.Options()
        options.seed = configuration.seed
        options.badReadingProbability = configuration.badReadingProbability
        options.deterioration = Deterioration(
            onset: start.addingTimeInterval(-configuration.deteriorationLead),
            duration: configuration.deteriorationDuration)
        options.trendStart = start.addingTimeInterval(-configuration.historyDays * 86_400)
        let cycle: [SimulatedProfile] = [.sepsis, .healthy, .hypertensive, .heartFailure, .copd, .diabetic]
        let profiles = (0..<max(1, configuration.patients)).map { cycle[$0 % cycle.count] }
        return SimulationPlan(profiles: profiles, options: options, deviceIDPrefix: "demo-")
    }

    /// Finds the demo ward in the store, or creates it: the clinician and
    /// patient users, every patient with the clinician on the care team, and
    /// every device (with keys, as an administrator would enrol it).
    public static func prepare(
        _ configuration: DemoConfiguration, start: Date, store: any Store, devices: DeviceServices,
        passwords: PasswordHasher
    ) async throws -> DemoWard {
        let plan = plan(configuration, start: start)
        let existing = Dictionary(
            try await store.patients.all().compactMap { patient in patient.mrn.map { ($0, patient.id) } },
            uniquingKeysWith: { first, _ in first })
        let found = plan.patients.compactMap { existing[mrn($0.index)] }
        if found.count == plan.patients.count {
            return DemoWard(plan: plan, patientIDs: found, isNew: false)
        }
        let clinician = User(
            username: DemoConfiguration.clinician.username, displayName: "Demo Clinician", role: .clinician,
            passwordHash: try await passwords.hash(DemoConfiguration.clinician.password), createdAt: start)
        if try await store.users.user(named: clinician.username) == nil { try await store.users.create(clinician) }
        let clinicianID = try await store.users.user(named: clinician.username)?.id ?? clinician.id
        let registry = DeviceRegistry(store: store, services: devices)
        var ids: [PatientID] = []
        for simulated in plan.patients {
            let patient = Patient(
                displayName: simulated.displayName, birthDate: nil, mrn: mrn(simulated.index),
                news2Scale: simulated.profile.news2Scale, conditions: simulated.profile.conditions, createdAt: start)
            try await store.patients.create(patient)
            try await store.patients.setCareTeam(of: patient.id, to: [clinicianID])
            for device in simulated.devices {
                _ = try await registry.create(DeviceID(device.deviceID), for: patient.id, now: start)
            }
            ids.append(patient.id)
        }
        // The patient user is a stable one (not the deteriorating patient).
        let own = ids.count > 1 ? ids[1] : ids[0]
        if try await store.users.user(named: DemoConfiguration.patient.username) == nil {
            try await store.users.create(
                User(
                    username: DemoConfiguration.patient.username, displayName: "Demo Patient", role: .patient,
                    patientID: own, passwordHash: try await passwords.hash(DemoConfiguration.patient.password),
                    createdAt: start))
        }
        return DemoWard(plan: plan, patientIDs: ids, isNew: true)
    }

    /// The MRN of demo patient `index`.
    static func mrn(_ index: Int) -> String { "DEMO-\(index)" }
}
