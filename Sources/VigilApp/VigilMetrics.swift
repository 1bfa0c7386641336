import Foundation
import Metrics
import Prometheus
import VigilCore
import VigilStore

/// The metrics of one running Vigil: an instance-scoped Prometheus registry
/// (never the process-global `MetricsSystem`, so several servers in one test
/// process do not share counters) and the swift-metrics factory over it that
/// every part records into.
///
/// Gauges that describe stored state (active alerts by severity, the webhook
/// backlog) and the process (resident memory) are read when scraped.
public struct VigilMetrics: Sendable {
    /// Where every metric lives.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory the parts record into.
    public let factory: PrometheusMetricsFactory

    /// A fresh registry with Vigil's histogram buckets.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let fast: [Duration] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5),
        ]
        factory.durationHistogramBuckets = [
            "vigil_ingest_commit_duration_seconds": fast,
            "vigil_http_request_duration_seconds": fast,
        ]
        factory.valueHistogramBuckets = [
            "vigil_ingest_commit_batch_messages": [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        ]
        self.registry = registry
        self.factory = factory
    }

    /// Reads the scrape-time gauges, then renders every metric in the
    /// Prometheus text format. A gauge whose query fails keeps its last value.
    public func exposition(store: any Store) async -> String {
        if let counts = try? await store.alerts.activeCountsBySeverity() {
            for severity in AlertSeverity.allCases {
                registry.makeGauge(descriptor: Self.activeAlerts, labels: [("severity", severity.rawValue)])
                    .set(Double(counts[severity] ?? 0))
            }
        }
        if let backlog = try? await store.outbox.pendingDeliveryCount() {
            registry.makeGauge(descriptor: Self.webhookBacklog).set(Double(backlog))
        }
        if let resident = ProcessMemory.residentBytes() {
            registry.makeGauge(descriptor: Self.residentMemory).set(Double(resident))
        }
        return registry.emitToString()
    }

    // Computed: the descriptor type is not Sendable.
    static var activeAlerts: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "vigil", metricName: "alerts", unitName: "active",
            helpText: "Open and acknowledged alerts, by severity.")
    }
    static var webhookBacklog: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "vigil", subsystem: "webhook", metricName: "backlog", unitName: "",
            helpText: "Webhook deliveries waiting for an attempt or a retry.")
    }
    static var residentMemory: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "process", subsystem: "resident", metricName: "memory", unitName: "bytes",
            helpText: "Resident memory size in bytes.")
    }
}
