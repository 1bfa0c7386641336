import Foundation
import VigilCore

/// Stores alerts. It does not check access: callers do.
///
/// Writes are optimistic: `save` refuses an alert whose stored version is not
/// the one it was read at, so an acknowledgement and a concurrent repeat of
/// the condition never overwrite each other; the loser reads again and retries.
public protocol AlertStore: Sendable {
    /// One alert, if it exists.
    func alert(_ id: AlertID) async throws -> Alert?

    /// Alerts matching the query, newest first (by creation time, then id).
    func alerts(matching query: AlertQuery) async throws -> [Alert]

    /// A patient's open and acknowledged alerts, at most one per rule.
    func activeAlerts(of patient: PatientID) async throws -> [Alert]

    /// Open and acknowledged operational alerts (those without a patient), at most one per rule.
    func activeOperationalAlerts() async throws -> [Alert]

    /// Open alerts whose next escalation is due at `time` (at or before it), earliest first.
    func dueForEscalation(at time: Date, limit: Int) async throws -> [Alert]

    /// Writes alert changes, readings and webhook events (to the transactional
    /// outbox) in one transaction: all of them or none.
    ///
    /// An alert with version 0 is inserted; any other is updated only if its
    /// stored version equals `alert.version`. Each saved alert comes back with
    /// its version incremented.
    ///
    /// - Throws: `StoreError.conflict` (entity `alert`) when an update finds
    ///   another version, or an insert would make a second active alert for
    ///   the same patient (or none) and rule; `StoreError.notFound` when the alert to
    ///   update does not exist or the patient does not.
    @discardableResult
    func save(_ alerts: [Alert], readings: [Reading], events: [OutboxEvent]) async throws -> [Alert]

    /// How many alerts are active (open or acknowledged), by severity; a
    /// severity with none is left out.
    func activeCountsBySeverity() async throws -> [AlertSeverity: Int]
}

extension AlertStore {
    /// Writes alert changes and readings in one transaction, with no webhook events.
    @discardableResult
    public func save(_ alerts: [Alert], readings: [Reading]) async throws -> [Alert] {
        try await save(alerts, readings: readings, events: [])
    }
}

/// Which alerts to list.
public struct AlertQuery: Sendable, Hashable {
    /// Only alerts in these states; empty for every state.
    public var states: Set<AlertState>
    /// Only these patients' alerts; `nil` for every patient.
    public var patients: [PatientID]?
    /// At most this many.
    public var limit: Int

    /// The default and largest page.
    public static let defaultLimit = 200
    public static let maximumLimit = 1000

    public init(states: Set<AlertState> = [], patients: [PatientID]? = nil, limit: Int = Self.defaultLimit) {
        self.states = states
        self.patients = patients
        self.limit = limit
    }
}
