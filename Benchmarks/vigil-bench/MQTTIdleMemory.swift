#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A broker's memory per idle connection: its resident set size before and
/// after many devices connect and stay idle.
struct MQTTIdleMemory: Codable, Sendable {
    /// Connections held open.
    var connections: Int
    /// The broker's RSS just before the first connection, in KiB.
    var residentBeforeKiB: Int
    /// The broker's RSS with every connection open and idle, in KiB.
    var residentAfterKiB: Int
    /// (after − before) ÷ connections, in bytes.
    var bytesPerConnection: Double

    /// How long the connections stay idle before the second reading.
    private static let settle = Duration.seconds(3)

    /// Connects every device to the broker `pid` listening on `port`, waits
    /// ``settle``, reads its RSS, and disconnects them all.
    static func measure(
        broker pid: pid_t, port: Int, devices: [MQTTDevice], generator: MQTTLoadGenerator
    ) async throws -> Self {
        let before = try MQTTProcessSample(pid: pid).residentKiB
        let connections = try await generator.connect(devices, port: port)
        try await Task.sleep(for: settle)
        let after = try MQTTProcessSample(pid: pid).residentKiB
        await generator.disconnect(connections)
        return Self(
            connections: connections.count, residentBeforeKiB: before, residentAfterKiB: after,
            bytesPerConnection: Double(after - before) * 1024 / Double(max(connections.count, 1)))
    }

    /// `12.3 KiB per connection (RSS 45.6 → 166.1 MiB)`.
    var summary: String {
        "\(Format.fixed(bytesPerConnection / 1024, decimals: 1)) KiB per connection "
            + "(RSS \(Format.fixed(Double(residentBeforeKiB) / 1024, decimals: 1)) → "
            + "\(Format.fixed(Double(residentAfterKiB) / 1024, decimals: 1)) MiB)"
    }
}
