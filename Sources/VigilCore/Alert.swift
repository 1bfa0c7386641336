import Foundation

/// A clinical alert about one patient, raised by one rule (NEWS2, a per-patient
/// rule, a baseline departure or missing data), with its lifecycle.
///
/// There is at most one alert per patient and rule that is not resolved: a
/// repeat of the condition updates it (`occurrences`, `lastFiredAt`, and a higher
/// `severity` when the condition worsens) rather than raising another.
/// `note`s are clinicians' free text: they may hold PHI and are never logged.
public struct Alert: Codable, Sendable, Hashable, Identifiable {
    public var id: AlertID
    /// The patient the alert is about; `nil` for an operational alert (such as
    /// a webhook delivery given up on), which only administrators see.
    public var patientID: PatientID?
    /// What raised it, stable across repeats: `news2`, `preset.hypertension.systolic-critical`,
    /// `no-data.heartRate`, `baseline.heartRate`, or a clinician's own rule id.
    public var ruleID: String
    /// A short label without PHI, such as "NEWS2 7 (high risk)" or "Systolic ≥ 180 mmHg".
    public var title: String
    /// The highest severity the condition reached while the alert was active.
    public var severity: AlertSeverity
    public var state: AlertState
    /// How many times it escalated without being acknowledged (0 until the first deadline passes).
    public var escalationLevel: Int
    /// When it escalates next unless acknowledged; `nil` once acknowledged, resolved,
    /// or at the highest escalation level.
    public var nextEscalationAt: Date?
    /// When the condition was first seen (the measurement time of the evidence).
    public var firstFiredAt: Date
    /// When the condition was last seen (the measurement time of the latest evidence).
    public var lastFiredAt: Date
    /// How many distinct firings (new evidence) this alert stands for, at least 1.
    public var occurrences: Int
    /// The values that fired it most recently, as a JSON object.
    public var details: Data
    /// When Vigil raised it.
    public var createdAt: Date
    /// When anything about it last changed.
    public var updatedAt: Date
    public var acknowledgedBy: UserID?
    public var acknowledgedAt: Date?
    public var acknowledgementNote: String?
    /// Who resolved it; `nil` when Vigil resolved it itself (see `resolutionNote`).
    public var resolvedBy: UserID?
    public var resolvedAt: Date?
    public var resolutionNote: String?
    /// Incremented by the store on every write; a write based on an older version
    /// is refused, so concurrent changes are never lost. 0 before the first write.
    public var version: Int

    public init(
        id: AlertID = .random(), patientID: PatientID?, ruleID: String, title: String, severity: AlertSeverity,
        state: AlertState = .open, escalationLevel: Int = 0, nextEscalationAt: Date? = nil, firstFiredAt: Date,
        lastFiredAt: Date? = nil, occurrences: Int = 1, details: Data = Data("{}".utf8), createdAt: Date,
        updatedAt: Date? = nil, acknowledgedBy: UserID? = nil, acknowledgedAt: Date? = nil,
        acknowledgementNote: String? = nil, resolvedBy: UserID? = nil, resolvedAt: Date? = nil,
        resolutionNote: String? = nil, version: Int = 0
    ) {
        self.id = id
        self.patientID = patientID
        self.ruleID = ruleID
        self.title = title
        self.severity = severity
        self.state = state
        self.escalationLevel = escalationLevel
        self.nextEscalationAt = nextEscalationAt?.truncatedToMilliseconds
        self.firstFiredAt = firstFiredAt.truncatedToMilliseconds
        self.lastFiredAt = (lastFiredAt ?? firstFiredAt).truncatedToMilliseconds
        self.occurrences = occurrences
        self.details = details
        self.createdAt = createdAt.truncatedToMilliseconds
        self.updatedAt = (updatedAt ?? createdAt).truncatedToMilliseconds
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt?.truncatedToMilliseconds
        self.acknowledgementNote = acknowledgementNote
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt?.truncatedToMilliseconds
        self.resolutionNote = resolutionNote
        self.version = version
    }

    /// Whether it still needs attention (open or acknowledged).
    public var isActive: Bool { state != .resolved }
}

/// The identifier of an alert.
public typealias AlertID = Identifier<Alert>
