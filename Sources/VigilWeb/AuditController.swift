import Hummingbird
import VigilCore

/// `GET /api/v1/audit` (admins): the newest audit records, optionally for one patient.
struct AuditController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.add(.get, "audit", action: "audit.read", allow: .admin) { request, caller in
            var limit = 100
            if let text = request.query("limit") {
                guard let value = Int(text), (1...1000).contains(value) else {
                    throw VigilError.badRequest("limit must be 1 to 1000.", code: "invalid_query")
                }
                limit = value
            }
            let patient = request.query("patientId").map { PatientID($0) }
            let records = try await dependencies.store.audit.recent(limit: limit, patient: patient)
            try await caller.auditor.record("audit.read", patient: patient)
            return records.map(AuditRecordView.init)
        }
    }
}
