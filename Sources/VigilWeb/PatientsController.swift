import Foundation
import Hummingbird
import VigilCore

/// `/api/v1/patients`: create, list, get, update, care team.
struct PatientsController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.add(.post, "patients", action: "patient.create", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: PatientInput.self, context: caller.context)
            let now = dependencies.now()
            var patient = Patient(displayName: "", createdAt: now)
            try input.apply(to: &patient)
            try await repository(caller).create(patient)
            return Created(body: PatientView(patient))
        }
        routes.add(.get, "patients", action: "patient.list", allow: .everyone) { _, caller in
            try await repository(caller).visiblePatients().map(PatientView.init)
        }
        routes.add(.get, "patients/:patientId", action: "patient.read", allow: .everyone) { _, caller in
            PatientView(try await repository(caller).patient(try caller.patientID()))
        }
        for method in [HTTPRequest.Method.put, .patch] {
            routes.add(method, "patients/:patientId", action: "patient.update", allow: .staff) { request, caller in
                let input = try await request.decodeJSON(as: PatientInput.self, context: caller.context)
                return PatientView(try await repository(caller).update(try caller.patientID()) { try input.apply(to: &$0) })
            }
        }
        routes.add(.get, "patients/:patientId/care-team", action: "patient.care_team.read", allow: .staff) { _, caller in
            let id = try caller.patientID()
            try await repository(caller).authorize("patient.care_team.read", on: id)
            return CareTeamBody(clinicianIds: try await dependencies.store.patients.careTeam(of: id))
        }
        routes.add(.put, "patients/:patientId/care-team", action: "patient.care_team.update", allow: .admin) {
            request, caller in
            let input = try await request.decodeJSON(as: CareTeamBody.self, context: caller.context)
            let id = try caller.patientID()
            try await repository(caller).setCareTeam(of: id, to: input.clinicianIds)
            return CareTeamBody(clinicianIds: try await dependencies.store.patients.careTeam(of: id))
        }
    }

    private func repository(_ caller: SecureRoutes.Caller) -> PatientRepository {
        PatientRepository(store: dependencies.store, caller: caller)
    }
}

/// The body of create and update: absent fields are left as they are.
struct PatientInput: Decodable {
    var displayName: String?
    var birthDate: CalendarDate?
    var mrn: String?
    var news2Scale: NEWS2Scale?
    var conditions: [Condition]?

    /// Validates and applies the given fields.
    func apply(to patient: inout Patient) throws {
        if let displayName {
            let trimmed = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...200).contains(trimmed.count) else {
                throw VigilError.badRequest("displayName must be 1 to 200 characters.", code: "invalid_display_name")
            }
            patient.displayName = trimmed
        }
        guard !patient.displayName.isEmpty else {
            throw VigilError.badRequest("Missing field 'displayName'.", code: "invalid_body")
        }
        if let birthDate {
            guard birthDate.year >= 1900 else { throw VigilError.badRequest("birthDate is out of range.", code: "invalid_birth_date") }
            patient.birthDate = birthDate
        }
        if let mrn {
            guard (1...64).contains(mrn.count) else { throw VigilError.badRequest("mrn must be 1 to 64 characters.", code: "invalid_mrn") }
            patient.mrn = mrn
        }
        if let news2Scale { patient.news2Scale = news2Scale }
        if let conditions { patient.conditions = Array(Set(conditions)).sorted { $0.rawValue < $1.rawValue } }
    }
}

/// `{"clinicianIds": [...]}`.
struct CareTeamBody: Codable, ResponseEncodable {
    let clinicianIds: [UserID]
}

extension SecureRoutes.Caller {
    /// The `:patientId` path parameter.
    func patientID() throws -> PatientID { PatientID(try parameter("patientId")) }
}
