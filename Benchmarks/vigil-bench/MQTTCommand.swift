import ArgumentParser

/// `vigil-bench mqtt`: Vigil's MQTT gateway against Debian's mosquitto
/// (`ingest`), and the Markdown table of its results (`report`).
struct MQTTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mqtt",
        abstract: "Benchmark MQTT ingest into vigil serve against mosquitto, driven by the same load generator.",
        subcommands: [MQTTIngestCommand.self, MQTTReportCommand.self])
}
