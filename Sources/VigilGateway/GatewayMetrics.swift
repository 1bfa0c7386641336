import Metrics

/// What the device edge counts: messages and readings by transport and
/// outcome, and quarantined items by reason. Labels are bounded sets of
/// codes; no device or patient identifier is ever a label.
///
/// - `vigil_ingest_messages_total{protocol, outcome}`: `outcome` is `stored`,
///   `partially_quarantined`, `quarantined`, `duplicate`, `throttled` or `unauthorized`.
/// - `vigil_ingest_readings_total{protocol, outcome}`: `accepted` or `quarantined`.
/// - `vigil_quarantine_items_total{reason}`: the quarantine reason code.
public struct GatewayMetrics: Sendable {
    /// How a message reached Vigil.
    public enum Transport: String, Sendable {
        case https
        case mqtt
        /// Devices simulated inside the server (`serve --demo`).
        case demo
    }

    private let factory: any MetricsFactory

    /// Metrics made by `factory`. Default: nowhere.
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    /// Counts one message with its outcome.
    public func message(_ transport: Transport, outcome: String) {
        Counter(
            label: "vigil_ingest_messages_total", dimensions: [("protocol", transport.rawValue), ("outcome", outcome)],
            factory: factory
        ).increment()
    }

    /// Counts a message's readings and the message by what became of it.
    public func record(_ result: DeviceIngestor.Result, via transport: Transport) {
        switch result {
        case .stored(let accepted, let rejected):
            message(transport, outcome: rejected.isEmpty ? "stored" : "partially_quarantined")
            readings(transport, outcome: "accepted", count: accepted)
            readings(transport, outcome: "quarantined", count: rejected.count)
        case .duplicate:
            message(transport, outcome: "duplicate")
        case .allRejected(let rejected):
            message(transport, outcome: "quarantined")
            readings(transport, outcome: "quarantined", count: rejected.count)
        case .unparseable:
            message(transport, outcome: "quarantined")
        }
    }

    /// Counts one quarantined item.
    func quarantined(reason: String) {
        Counter(label: "vigil_quarantine_items_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    private func readings(_ transport: Transport, outcome: String, count: Int) {
        guard count > 0 else { return }
        Counter(
            label: "vigil_ingest_readings_total", dimensions: [("protocol", transport.rawValue), ("outcome", outcome)],
            factory: factory
        ).increment(by: count)
    }
}
