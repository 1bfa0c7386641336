import Foundation

/// The JSON bodies the load generator posts: one fixed body per device,
/// sent again each time that device's turn comes.
///
/// Bodies carry no `messageId`, so Vigil stores every send (a repeated
/// message id would be acknowledged without storing anything).
enum TelemetryBody {
    /// The vital types of the native body, in turn.
    private static let types = ["heartRate", "spo2", "respiratoryRate", "bodyTemperature"]

    /// A value of `type` in its canonical unit, as JSON, within the range
    /// NEWS2 scores 0 or 1: a stable patient at home, so that ingest, not
    /// alerting, is what is measured.
    private static func value(of type: String, using generator: inout SeededGenerator) -> String {
        switch type {
        case "heartRate": String(Int.random(in: 55...95, using: &generator))
        case "spo2": String(Int.random(in: 95...99, using: &generator))
        case "respiratoryRate": String(Int.random(in: 12...20, using: &generator))
        default: Format.fixed(Double.random(in: 36.2...37.6, using: &generator), decimals: 1)
        }
    }

    /// A native body (`{"readings": [{"type", "value", "time"}, …]}`) with `count`
    /// readings of heart rate, SpO₂, respiratory rate and body temperature in
    /// turn, each with its own `time`: distinct whole seconds within the hour
    /// before `now` (at most 1,000 readings).
    ///
    /// - Parameter device: the device's index, which shifts its times by up to a minute.
    static func native(readings count: Int, device: Int, now: Date, using generator: inout SeededGenerator) -> String {
        let newest = Int64(now.timeIntervalSince1970.rounded(.down)) - 60 - Int64(device % 60)
        let spacing = 3400 / Double(max(count, 1))
        var body = #"{"readings":["#
        body.reserveCapacity(count * 64 + 16)
        for index in 0..<count {
            let type = types[index % types.count]
            let time = Date(timeIntervalSince1970: Double(newest - Int64((Double(index) * spacing).rounded(.down))))
            if index > 0 { body += "," }
            body += #"{"type":"\#(type)","value":\#(value(of: type, using: &generator)),"#
            body += #""time":"\#(time.formatted(.iso8601))"}"#
        }
        return body + "]}"
    }

    /// A flat body with one heart-rate reading, measured when Vigil receives it: `{"heartRate": 72}`.
    static func single(using generator: inout SeededGenerator) -> String {
        #"{"heartRate": \#(Int.random(in: 55...95, using: &generator))}"#
    }
}
