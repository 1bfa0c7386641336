import Foundation
import Logging
import VigilCore
import VigilStore

/// Carries out alert lifecycle steps against the store and announces them on
/// the event bus: clinicians' acknowledgements and resolutions, and escalations.
///
/// Every step reads the alert, applies `AlertLifecycle`, and saves it with the
/// version it read; when another writer got there first (`StoreError.conflict`)
/// it reads again and retries, so concurrent steps are never lost.
public struct AlertManager: Sendable {
    let store: any Store
    /// The state machine, with its policy.
    public let lifecycle: AlertLifecycle
    /// Where lifecycle events are published.
    public let bus: EventBus
    let now: @Sendable () -> Date
    let logger: Logger

    /// How many times a step is retried after a concurrent change.
    static let attempts = 5

    public init(
        store: any Store, lifecycle: AlertLifecycle, bus: EventBus, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.lifecycle = lifecycle
        self.bus = bus
        self.logger = logger
        self.now = now
    }

    /// Acknowledges an open alert on behalf of `user`.
    ///
    /// - Throws: `StoreError.notFound` for an unknown alert; `AlertTransitionError` unless it is open.
    public func acknowledge(_ id: AlertID, by user: UserID, note: String?) async throws -> Alert {
        try await step(id) { alert, now throws(AlertTransitionError) in
            try lifecycle.acknowledge(alert, by: user, note: note, now: now)
        }
    }

    /// Resolves an open or acknowledged alert on behalf of `user`.
    ///
    /// - Throws: `StoreError.notFound` for an unknown alert; `AlertTransitionError` when it is resolved.
    public func resolve(_ id: AlertID, by user: UserID, note: String?) async throws -> Alert {
        try await step(id) { alert, now throws(AlertTransitionError) in
            try lifecycle.resolve(alert, by: user, note: note, now: now)
        }
    }

    /// Escalates every open alert whose deadline has passed, and publishes
    /// `alert.escalated` for each; returns them. Deadlines are stored, so
    /// alerts that fell due while Vigil was stopped escalate on the first call.
    @discardableResult
    public func escalateDue(batchSize: Int = 100) async throws -> [Alert] {
        var escalated: [Alert] = []
        while true {
            let time = now()
            let due = try await store.alerts.dueForEscalation(at: time, limit: batchSize)
            var progressed = false
            for alert in due {
                guard let change = lifecycle.escalate(alert, now: time) else { continue }
                do {
                    let saved = try await save([change])
                    escalated += saved.map(\.alert)
                    progressed = true
                } catch let error as StoreError where error.code == .conflict {
                    // Changed meanwhile (acknowledged, or escalated by another node); the next pass sees it.
                    continue
                }
            }
            if due.count < batchSize || !progressed { return escalated }
        }
    }

    /// Raises an operational alert (no patient; administrators see it), or
    /// counts another occurrence of the active one for the same rule, and
    /// publishes it; returns the change, `nil` when nothing changed.
    @discardableResult
    public func raiseOperational(_ firing: AlertFiring) async throws -> AlertChange? {
        for attempt in 1...Self.attempts {
            let existing = try await store.alerts.activeOperationalAlerts().first { $0.ruleID == firing.ruleID }
            guard let change = lifecycle.fire(firing, existing: existing, patient: nil, now: now()) else { return nil }
            do {
                return try await save([change])[0]
            } catch let error as StoreError where error.code == .conflict && attempt < Self.attempts {
                continue
            }
        }
        throw StoreError(.conflict, entity: "alert")
    }

    /// Saves changes, readings and their webhook events in one transaction,
    /// then publishes the live events.
    @discardableResult
    func save(_ changes: [AlertChange], readings: [Reading] = [], news2: NEWS2Update? = nil) async throws
        -> [AlertChange]
    {
        try await save([AlertSave(changes: changes, readings: readings, news2: news2)])[0]
    }

    /// Saves several evaluations' changes, readings and webhook events in one
    /// transaction (all or none), then publishes their live events in order;
    /// returns each one's changes as saved.
    func save(_ saves: [AlertSave]) async throws -> [[AlertChange]] {
        let time = now()
        // The outbox events describe the alerts as they will be once saved.
        var outbox: [OutboxEvent] = []
        for save in saves {
            if let news2 = save.news2 { outbox.append(AlertWebhookEvents.event(for: news2, at: time)) }
            outbox += save.changes.compactMap { AlertWebhookEvents.event(for: $0, at: time) }
        }
        var saved = try await store.alerts.save(
            saves.flatMap { $0.changes.map(\.alert) }, readings: saves.flatMap(\.readings), events: outbox
        )[...]
        var stored: [[AlertChange]] = []
        var events: [LiveEvent] = []
        for save in saves {
            var changes = save.changes
            for index in changes.indices { changes[index].alert = saved.removeFirst() }
            stored.append(changes)
            if let news2 = save.news2 {
                events.append(LiveEvent(patientID: news2.patientID, time: time, content: .news2(news2)))
            }
            events += changes.map { LiveEvent(patientID: $0.alert.patientID, time: time, content: .alert($0)) }
        }
        if !events.isEmpty { await bus.publish(events) }
        // Repeats of an open alert are routine; the other steps are worth an operator's eye.
        for change in stored.joined() {
            logger.log(
                level: change.kind == .updated ? .debug : .info, "Alert \(change.kind.rawValue)",
                metadata: [
                    "alert.id": "\(change.alert.id)", "patient.id": "\(change.alert.patientID?.rawValue ?? "-")",
                    "alert.rule": "\(change.alert.ruleID)", "alert.severity": "\(change.alert.severity.rawValue)",
                    "alert.level": "\(change.alert.escalationLevel)",
                ])
        }
        return stored
    }

    private func step(
        _ id: AlertID, _ change: (Alert, Date) throws(AlertTransitionError) -> AlertChange
    ) async throws -> Alert {
        for attempt in 1...Self.attempts {
            guard let alert = try await store.alerts.alert(id) else { throw StoreError(.notFound, entity: "alert") }
            let next = try change(alert, now())
            do {
                return try await save([next])[0].alert
            } catch let error as StoreError where error.code == .conflict && attempt < Self.attempts {
                continue
            }
        }
        throw StoreError(.conflict, entity: "alert")
    }
}
