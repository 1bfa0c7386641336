import VigilStore
import VigilWeb

/// The readiness checks of a running Vigil beyond the database.
public enum ReadinessChecks {
    /// Every expected listener is bound.
    public static func listeners(_ status: ListenerStatus) -> ReadinessCheck {
        ReadinessCheck(name: "listeners") {
            let missing = await status.missing
            guard missing.isEmpty else { return .down("not bound: \(missing.joined(separator: ", "))") }
            let bound = await status.boundNames
            return .up(bound.isEmpty ? nil : "bound: \(bound.joined(separator: ", "))")
        }
    }

    /// The webhook relay's backlog (pending deliveries) is at most `threshold`.
    public static func webhookBacklog(_ outbox: any OutboxStore, threshold: Int) -> ReadinessCheck {
        ReadinessCheck(name: "webhookBacklog") {
            guard let pending = try? await outbox.pendingDeliveryCount() else {
                return .down("the backlog cannot be read")
            }
            let detail = "\(pending) pending, threshold \(threshold)"
            return pending > threshold ? .down(detail) : .up(detail)
        }
    }
}
