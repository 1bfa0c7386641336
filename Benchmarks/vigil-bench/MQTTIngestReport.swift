/// The figures of `vigil-bench mqtt ingest`: Vigil's MQTT gateway against
/// mosquitto, driven by the same load generator in the same invocation.
///
/// Printed as one human-readable line and one JSON line; `vigil-bench mqtt
/// report` turns the JSON line into the table of the MQTT section of `BENCHMARKS.md`.
struct MQTTIngestReport: Codable, Sendable, BenchmarkOutput {
    /// The ``benchmark`` of every report of this kind.
    static let name = "mqtt-ingest"

    /// The subcommand: `mqtt-ingest`.
    var benchmark = MQTTIngestReport.name
    /// Devices publishing telemetry, one connection each.
    var devices: Int
    /// Patients the devices are spread over.
    var patients: Int
    /// Idle connections of the memory runs.
    var idleConnections: Int
    /// Length of each measured run, in seconds.
    var durationSeconds: Int
    /// Event loops of the load generator.
    var generatorThreads: Int
    /// The most publishes per second of one device at the maximum.
    var deviceCeiling: Double

    /// QoS 1 telemetry into Vigil as fast as PUBACKs come.
    var vigilMaximum: MQTTLoadResult
    /// The same into mosquitto.
    var mosquittoMaximum: MQTTLoadResult
    /// Vigil's rate ÷ mosquitto's; the target applies to it.
    var rateRatio: Double
    /// The least ``rateRatio`` that meets the target.
    var rateRatioTarget: Double
    /// Whether ``rateRatio`` is at least ``rateRatioTarget``.
    var rateTargetMet: Bool

    /// Vigil's memory with ``idleConnections`` idle TLS connections.
    var vigilIdle: MQTTIdleMemory
    /// mosquitto's.
    var mosquittoIdle: MQTTIdleMemory
    /// Vigil's bytes per connection ÷ mosquitto's; the target applies to it.
    var memoryRatio: Double
    /// The most ``memoryRatio`` that meets the target.
    var memoryRatioTarget: Double
    /// Whether ``memoryRatio`` is at most ``memoryRatioTarget``.
    var memoryTargetMet: Bool

    /// Vigil paced at half of ``vigilMaximum``'s rate.
    var vigilHalf: MQTTLoadResult
    /// mosquitto paced at the same rate.
    var mosquittoHalf: MQTTLoadResult

    /// What was checked: acknowledgements, durability, bodies, the load generator.
    var checks: [String]

    /// One line for a person reading the terminal.
    var humanLine: String {
        "MQTT QoS 1, \(Format.thousands(devices)) devices over TLS: Vigil \(Self.rate(vigilMaximum.rate)) "
            + "(\(vigilMaximum.latencySummary)) vs mosquitto \(Self.rate(mosquittoMaximum.rate)) "
            + "(\(mosquittoMaximum.latencySummary)): ratio \(Format.ratio(rateRatio)) "
            + "(target ≥ \(Format.ratio(rateRatioTarget)): \(rateTargetMet ? "target met" : "TARGET MISSED")); "
            + "\(Format.thousands(idleConnections)) idle TLS connections: Vigil \(vigilIdle.summary) vs mosquitto "
            + "\(mosquittoIdle.summary): ratio \(Format.ratio(memoryRatio)) "
            + "(target ≤ \(Format.ratio(memoryRatioTarget)): \(memoryTargetMet ? "target met" : "TARGET MISSED")); "
            + "at \(Self.rate(vigilHalf.rate)) Vigil \(vigilHalf.latencySummary), "
            + "mosquitto \(mosquittoHalf.latencySummary)"
    }

    /// Messages per second, rounded: `1,234 msgs/s`.
    static func rate(_ value: Double) -> String { "\(Format.thousands(Int(value.rounded()))) msgs/s" }
}
