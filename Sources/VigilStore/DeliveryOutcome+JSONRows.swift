import Foundation
import VigilCore

extension DeliveryOutcome {
    /// `outcomes` as one JSON array of flat objects (`id`, `state`, `next`,
    /// `at`, `status`, `error`, `ms`; times in milliseconds since 1970, absent
    /// values left out), for a store that writes them all in one statement;
    /// nil when there are none.
    public static func jsonRows(_ outcomes: [DeliveryOutcome]) throws -> String? {
        guard !outcomes.isEmpty else { return nil }
        return try JSONColumn.encode(outcomes.map(Row.init))
    }

    /// One outcome as ``jsonRows(_:)`` writes it.
    private struct Row: Encodable {
        let id: Int64
        let state: String
        let next: Int64?
        let at: Int64
        let status: Int?
        let error: String?
        let ms: Int

        init(_ outcome: DeliveryOutcome) {
            id = outcome.deliveryID
            state = outcome.state.rawValue
            next = outcome.nextAttemptAt?.millisecondsSince1970
            at = outcome.attempt.attemptedAt.millisecondsSince1970
            status = outcome.attempt.status
            error = outcome.attempt.error
            ms = outcome.attempt.durationMilliseconds
        }
    }
}
