import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// `/api/v1/quarantine` (admins): what devices sent that was refused, and replay.
struct QuarantineController {
    let dependencies: WebDependencies
    let devices: DeviceServices

    func register(on routes: SecureRoutes) {
        routes.add(.get, "quarantine", action: "quarantine.list", allow: .admin) { request, caller in
            var state: QuarantineItem.State?
            if let text = request.query("state") {
                guard let parsed = QuarantineItem.State(rawValue: text) else {
                    throw VigilError.badRequest("state must be pending, replayed or discarded.", code: "invalid_query")
                }
                state = parsed
            }
            let limit = min(Int(request.query("limit") ?? "") ?? 100, 1000)
            let items = try await dependencies.store.quarantine.items(state: state, limit: max(limit, 1))
            try await caller.auditor.record("quarantine.list", detail: "count=\(items.count)")
            return items.map(QuarantineItemView.init)
        }
        routes.add(.get, "quarantine/:itemId", action: "quarantine.read", allow: .admin) { _, caller in
            let item = try await item(caller)
            try await caller.auditor.record("quarantine.read", patient: item.patientID, detail: "item=\(item.id)")
            return QuarantineItemView(item)
        }
        routes.add(.post, "quarantine/:itemId/replay", action: "quarantine.replay", allow: .admin) { _, caller in
            let item = try await item(caller)
            switch try await devices.replayer.replay(item.id) {
            case .replayed(let count):
                try await caller.auditor.record("quarantine.replay", patient: item.patientID, detail: "item=\(item.id)")
                return ReplayView(id: item.id, state: .replayed, readings: count, reasons: [])
            case .stillRefused(let reasons):
                try await caller.auditor.record(
                    "quarantine.replay", patient: item.patientID, outcome: .failure, detail: "item=\(item.id)")
                throw VigilError(
                    .conflict, code: "still_refused",
                    message: "The item is still refused: \(reasons.joined(separator: ", ")).")
            }
        }
    }

    private func item(_ caller: SecureRoutes.Caller) async throws -> QuarantineItem {
        guard let id = Int64(try caller.parameter("itemId")), let item = try await dependencies.store.quarantine.item(id)
        else { throw VigilError.notFound("quarantined item") }
        return item
    }
}

/// A quarantined item as the API shows it. The payload is text when it is
/// UTF-8, otherwise base64 (`payloadEncoding` says which).
struct QuarantineItemView: ResponseEncodable {
    let id: Int64
    let deviceId: DeviceID?
    let patientId: PatientID?
    let messageId: String?
    let receivedAt: Date
    let reason: String
    let type: VitalType?
    let contentType: String?
    let state: QuarantineItem.State
    let resolvedAt: Date?
    let payload: String
    let payloadEncoding: String

    init(_ item: QuarantineItem) {
        id = item.id
        deviceId = item.deviceID
        patientId = item.patientID
        messageId = item.messageID
        receivedAt = item.receivedAt
        reason = item.reason
        type = item.vitalType
        contentType = item.contentType
        state = item.state
        resolvedAt = item.resolvedAt
        if let text = String(data: item.payload, encoding: .utf8) {
            payload = text
            payloadEncoding = "utf-8"
        } else {
            payload = item.payload.base64EncodedString()
            payloadEncoding = "base64"
        }
    }
}

/// The answer to a successful replay.
struct ReplayView: ResponseEncodable {
    let id: Int64
    let state: QuarantineItem.State
    let readings: Int
    let reasons: [String]
}
