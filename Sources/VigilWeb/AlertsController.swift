import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// `/api/v1/alerts`: the clinical worklist and its lifecycle (admins and
/// clinicians; a clinician sees and acts on their care teams' patients only).
///
/// Patient users get 403: the alert workflow (escalation, acknowledgement,
/// clinicians' notes) is for the care team; patients see their own readings
/// and NEWS2 through the observations API.
struct AlertsController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.add(.get, "alerts", action: "alert.list", allow: .staff) { request, caller in
            let states = try Self.states(request.query("state"))
            let patient = request.query("patientId").map { PatientID($0) }
            var limit = AlertQuery.defaultLimit
            if let text = request.query("limit") {
                guard let value = Int(text), (1...AlertQuery.maximumLimit).contains(value) else {
                    throw VigilError.badRequest("limit must be 1 to \(AlertQuery.maximumLimit).", code: "invalid_query")
                }
                limit = value
            }
            let alerts = try await repository(caller).list(states: states, patient: patient, limit: limit)
            return try alerts.map(AlertView.init).response(from: request, context: caller.context)
        }
        routes.add(.get, "alerts/:alertId", action: "alert.read", allow: .staff) { _, caller in
            AlertView(try await repository(caller).alert(try caller.alertID()))
        }
        routes.add(.post, "alerts/:alertId/acknowledge", action: "alert.acknowledge", allow: .staff) {
            request, caller in
            let note = try await Self.note(request, caller)
            return AlertView(try await repository(caller).acknowledge(try caller.alertID(), note: note))
        }
        routes.add(.post, "alerts/:alertId/resolve", action: "alert.resolve", allow: .staff) { request, caller in
            let note = try await Self.note(request, caller)
            return AlertView(try await repository(caller).resolve(try caller.alertID(), note: note))
        }
    }

    private func repository(_ caller: SecureRoutes.Caller) -> AlertRepository {
        AlertRepository(dependencies: dependencies, caller: caller)
    }

    /// `state=open` or `state=open,acknowledged`; empty for every state.
    private static func states(_ text: String?) throws -> Set<AlertState> {
        guard let text else { return [] }
        var states: Set<AlertState> = []
        for name in text.split(separator: ",") {
            guard let state = AlertState(rawValue: String(name)) else {
                throw VigilError.badRequest("state must be open, acknowledged or resolved.", code: "invalid_query")
            }
            states.insert(state)
        }
        return states
    }

    /// The optional `{"note"}` body; an empty body means no note.
    private static func note(_ request: Request, _ caller: SecureRoutes.Caller) async throws -> String? {
        var request = request
        guard try await request.collectBody(upTo: Request.maximumJSONBodySize).readableBytes > 0 else { return nil }
        return try await request.decodeJSON(as: NoteBody.self, context: caller.context).note
    }
}

/// `{"note": "..."}`.
struct NoteBody: Decodable {
    var note: String?
}

extension SecureRoutes.Caller {
    /// The `:alertId` path parameter.
    func alertID() throws -> AlertID { AlertID(try parameter("alertId")) }
}
