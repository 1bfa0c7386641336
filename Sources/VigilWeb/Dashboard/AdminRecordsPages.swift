import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// `/dashboard/admin/quarantine` (refused device messages, with replay) and
/// `/dashboard/admin/audit` (the newest audit records).
struct AdminRecordsPages {
    let context: DashboardContext

    private struct QuarantineModel {
        struct Row {
            let id: Int64
            let device: String
            let received: String
            let reason: String
            let payload: String
            let state: String
            let replayPath: String?
            let csrf: String
        }

        let rows: [Row]
        let isEmpty: Bool
        let feedback: AdminFormFeedback
    }

    private struct AuditModel {
        struct Row {
            let sequence: Int64
            let time: String
            let username: String
            let action: String
            let patient: String
            let outcome: String
            let detail: String
        }

        let rows: [Row]
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("admin/quarantine", action: "quarantine.list", allow: .admin) { _, visitor in
            try await page.quarantine(visitor, feedback: .none)
        }
        routes.form("admin/quarantine/:itemId/replay", action: "quarantine.replay", allow: .admin) { _, visitor, _ in
            let dependencies = page.context.dependencies
            guard let id = Int64(try visitor.parameter("itemId")), let item = try await dependencies.store.quarantine.item(id)
            else { throw VigilError.notFound("quarantined item") }
            let feedback: AdminFormFeedback
            switch try await dependencies.devices.replayer.replay(item.id) {
            case .replayed(let count):
                try await visitor.caller.auditor.record("quarantine.replay", patient: item.patientID, detail: "item=\(item.id)")
                feedback = AdminFormFeedback(message: "Item \(item.id) replayed: \(count) readings stored.", isError: false)
            case .stillRefused(let reasons):
                try await visitor.caller.auditor.record(
                    "quarantine.replay", patient: item.patientID, outcome: .failure, detail: "item=\(item.id)")
                feedback = AdminFormFeedback(
                    message: "Item \(item.id) is still refused: \(reasons.joined(separator: ", ")).", isError: true)
            }
            return try await page.quarantine(visitor, feedback: feedback)
        }
        routes.page("admin/audit", action: "audit.read", allow: .admin) { _, visitor in
            let records = try await page.context.dependencies.store.audit.recent(limit: 200, patient: nil)
            try await visitor.caller.auditor.record("audit.read")
            let rows = records.map {
                AuditModel.Row(
                    sequence: $0.sequence, time: DashboardTime.text($0.entry.time), username: $0.entry.username ?? "",
                    action: $0.entry.action, patient: $0.entry.patientID?.rawValue ?? "",
                    outcome: $0.entry.outcome.rawValue, detail: $0.entry.detail ?? "")
            }
            return page.context.renderer.page(
                "admin-audit", AuditModel(rows: rows), title: "Audit log", chrome: visitor.chrome)
        }
    }

    /// The start of a payload as text (at most 300 characters), or its size when it is not UTF-8.
    private static func preview(_ payload: Data) -> String {
        guard let text = String(data: payload, encoding: .utf8) else { return "\(payload.count) bytes, not text" }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    private func quarantine(_ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback) async throws -> Response {
        let items = try await context.dependencies.store.quarantine.items(state: nil, limit: 200)
        try await visitor.caller.auditor.record("quarantine.list", detail: "count=\(items.count)")
        let rows = items.map {
            QuarantineModel.Row(
                id: $0.id, device: $0.deviceID?.rawValue ?? "unknown", received: DashboardTime.text($0.receivedAt),
                reason: $0.reason, payload: Self.preview($0.payload), state: $0.state.rawValue,
                replayPath: $0.state == .pending ? "/dashboard/admin/quarantine/\($0.id)/replay" : nil,
                csrf: visitor.session.csrfToken)
        }
        return context.renderer.page(
            "admin-quarantine", QuarantineModel(rows: rows, isEmpty: rows.isEmpty, feedback: feedback),
            title: "Quarantine", chrome: visitor.chrome)
    }
}
