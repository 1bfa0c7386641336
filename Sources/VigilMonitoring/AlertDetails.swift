import Foundation
import VigilAnalytics
import VigilCore

/// The values that fired an alert, stored with it as a JSON object:
/// `{"kind": "news2" | "rule" | "baseline" | "noData", …}` with the matching
/// analytics result beside the kind.
struct AlertDetails: Encodable {
    var kind: String
    var type: VitalType?
    var news2: NEWS2Score?
    var evidence: RuleEvidence?
    var baseline: BaselineAssessment?
    var missingData: MissingDataFinding?

    private static let encoder = CompactJSONEncoder(dateFormat: { ISO8601Timestamp.withMilliseconds($0) })

    /// Sorted keys, ISO 8601 times with milliseconds.
    var json: Data {
        // Every field is a plain value type whose encoding cannot fail.
        return (try? Self.encoder.encode(self)) ?? Data("{}".utf8)
    }
}
