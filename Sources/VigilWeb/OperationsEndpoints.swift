import Metrics

/// What `/metrics` and `/health/ready` need from the composition root.
public struct OperationsEndpoints: Sendable {
    /// Where HTTP requests are counted and timed. Default: nowhere.
    public var metrics: any MetricsFactory
    /// Renders every metric in the Prometheus text format; when nil, `/metrics` is not served.
    public var exposition: (@Sendable () async -> String)?
    /// Readiness checks beyond the database, which is always checked.
    public var readinessChecks: [ReadinessCheck]

    public init(
        metrics: any MetricsFactory = NOOPMetricsHandler.instance, exposition: (@Sendable () async -> String)? = nil,
        readinessChecks: [ReadinessCheck] = []
    ) {
        self.metrics = metrics
        self.exposition = exposition
        self.readinessChecks = readinessChecks
    }
}
