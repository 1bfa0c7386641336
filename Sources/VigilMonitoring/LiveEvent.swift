import Foundation
import VigilCore

/// Something that happened to a patient's monitoring, as streamed to
/// dashboards (server-sent events) and, later, webhooks.
public struct LiveEvent: Sendable, Hashable {
    /// What the event carries.
    public enum Content: Sendable, Hashable {
        /// An alert lifecycle step (`alert.created`, `alert.updated`, `alert.escalated`,
        /// `alert.acknowledged`, `alert.resolved`).
        case alert(AlertChange)
        /// A new NEWS2 result (`news2.updated`).
        case news2(NEWS2Update)
    }

    /// The stream position, `<epoch>-<sequence>`, assigned by the `EventBus`;
    /// empty before publishing. A client resumes after it with `Last-Event-ID`.
    public internal(set) var id: String
    /// The position within this process's stream, from 1; 0 before publishing.
    public internal(set) var sequence: UInt64
    /// `alert.created`, …, or `news2.updated`.
    public var type: String
    /// The patient; `nil` for an operational alert (administrators only).
    public var patientID: PatientID?
    public var time: Date
    public var content: Content

    /// An event to publish.
    public init(patientID: PatientID?, time: Date, content: Content) {
        self.id = ""
        self.sequence = 0
        self.patientID = patientID
        self.time = time
        self.content = content
        switch content {
        case .alert(let change): type = change.kind.eventType
        case .news2: type = "news2.updated"
        }
    }

    /// Whether the event is about the clinical alert workflow (which patient
    /// users do not see) rather than a patient's own observations.
    public var isAlertEvent: Bool {
        if case .alert = content { return true }
        return false
    }
}
