import Foundation
import VigilAnalytics
import VigilCore
import VigilMonitoring

/// A live event as the `data:` line of a server-sent event carries it.
struct LiveEventView: Encodable {
    /// A NEWS2 result.
    struct NEWS2View: Encodable {
        let total: Int
        let riskLevel: NEWS2RiskLevel
        let partial: Bool
        let missing: NEWS2ParameterSet
        let assumed: NEWS2ParameterSet
        let subScores: NEWS2SubScores
        let scale: Int
        let measuredAt: Date
        let previousTotal: Int?
    }

    let id: String
    let type: String
    /// Absent for an operational alert.
    let patientId: PatientID?
    let time: Date
    let alert: AlertView?
    let worsened: Bool?
    let news2: NEWS2View?

    init(_ event: LiveEvent) {
        id = event.id
        type = event.type
        patientId = event.patientID
        time = event.time
        switch event.content {
        case .alert(let change):
            alert = AlertView(change.alert)
            worsened = change.kind == .updated ? change.worsened : nil
            news2 = nil
        case .news2(let update):
            alert = nil
            worsened = nil
            news2 = NEWS2View(
                total: update.score.total, riskLevel: update.score.riskLevel, partial: update.score.isPartial,
                missing: update.score.missing, assumed: update.score.assumed, subScores: update.score.subScores,
                scale: update.score.scale.rawValue, measuredAt: update.measuredAt, previousTotal: update.previousTotal)
        }
    }

    /// The event as a server-sent-event frame: `id`, `event` and one `data` line.
    var frame: String {
        let data = (try? JSONCoding.compactEncoder.encodeString(self)) ?? "{}"
        return "id: \(id)\nevent: \(type)\ndata: \(data)\n\n"
    }
}
