import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import VigilCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The MQTT load generator: many TLS connections, one per device, on its own
/// SwiftNIO event loops, publishing QoS 1 telemetry to a broker on the
/// loopback address. The same generator, with the same devices, drives Vigil
/// and mosquitto.
///
/// TLS certificates are not verified (as `wrk` does not): both brokers
/// present the same certificate, and the handshake costs the same either way.
final class MQTTLoadGenerator: Sendable {
    /// Connections opened at once while connecting many.
    private static let connectBatch = 100

    private let group: MultiThreadedEventLoopGroup
    private let tls: NIOSSLContext

    /// A generator on `threads` event loops.
    init(threads: Int) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        tls = try NIOSSLContext(configuration: configuration)
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Connects every device to `127.0.0.1:port`, ``connectBatch`` at a time,
    /// and waits until the broker has accepted each.
    func connect(_ devices: [MQTTDevice], port: Int) async throws -> [MQTTLoadConnection] {
        var connections: [MQTTLoadConnection] = []
        connections.reserveCapacity(devices.count)
        for batch in stride(from: 0, to: devices.count, by: Self.connectBatch) {
            let opened = try await withThrowingTaskGroup(of: MQTTLoadConnection.self) { tasks in
                for device in devices[batch..<min(batch + Self.connectBatch, devices.count)] {
                    let loop = group.next()
                    tasks.addTask { [tls] in try await MQTTLoadConnection.open(device, port: port, on: loop, tls: tls) }
                }
                return try await tasks.reduce(into: []) { $0.append($1) }
            }
            connections += opened
        }
        return connections
    }

    /// What a run aims at.
    enum Load: Sendable {
        /// As fast as PUBACKs come, each connection at most `ceiling` publishes per second.
        case maximum(ceiling: Double)
        /// `rate` publishes per second from all connections together, each on
        /// its own fixed schedule, spread evenly over the interval.
        case paced(rate: Double)
    }

    /// Runs every connection for `seconds` with at most `window` publishes awaiting PUBACK each.
    ///
    /// - Parameter broker: the broker's process, whose CPU time is sampled at the start and end.
    /// - Throws: ``BenchmarkError`` when a connection ends or a PUBACK does not come.
    func run(
        _ connections: [MQTTLoadConnection], seconds: Int, window: Int, load: Load, broker: pid_t
    ) async throws -> MQTTLoadResult {
        let startedAt = Date().millisecondsSince1970
        // Every connection is given its schedule before the start.
        let start = NIODeadline.now() + .milliseconds(500)
        let startInstant = ContinuousClock.now + .milliseconds(500)
        let end = start + .seconds(Int64(seconds))
        let targetRate: Double?
        if case .paced(let rate) = load { targetRate = rate } else { targetRate = nil }
        let futures = connections.enumerated().map { index, connection in
            switch load {
            case .maximum(let ceiling):
                return connection.run(
                    MQTTLoadSchedule(start: start, end: end, window: window, pace: .maximum(ceiling: ceiling)))
            case .paced(let rate):
                let interval = Int64((Double(connections.count) / rate * 1e9).rounded())
                let offset = interval * Int64(index) / Int64(connections.count)
                return connection.run(
                    MQTTLoadSchedule(
                        start: start, end: end, window: window,
                        pace: .paced(interval: .nanoseconds(interval), offset: .nanoseconds(offset))))
            }
        }
        try await Task.sleep(until: startInstant, clock: .continuous)
        let (generatorAtStart, brokerAtStart) = (try MQTTProcessSample(), try MQTTProcessSample(pid: broker))
        try await Task.sleep(until: startInstant + .seconds(seconds), clock: .continuous)
        let (generatorAtEnd, brokerAtEnd) = (try MQTTProcessSample(), try MQTTProcessSample(pid: broker))
        var tallies: [MQTTConnectionTally] = []
        for future in futures { tallies.append(try await future.get()) }
        let samples = tallies.flatMap(\.latencies)
        return MQTTLoadResult(
            connections: connections.count, window: window, durationSeconds: Double(seconds), targetRate: targetRate,
            published: tallies.reduce(0) { $0 + $1.published },
            acknowledged: tallies.reduce(0) { $0 + $1.acknowledged },
            acknowledgedInRun: tallies.reduce(0) { $0 + $1.acknowledgedInRun },
            latency: WrkResult.Latency(microseconds: samples.map(Int.init)),
            generatorCores: (generatorAtEnd.cpuSeconds - generatorAtStart.cpuSeconds) / Double(seconds),
            brokerCores: (brokerAtEnd.cpuSeconds - brokerAtStart.cpuSeconds) / Double(seconds),
            startedAt: startedAt, endedAt: Date().millisecondsSince1970)
    }

    /// Disconnects and closes every connection.
    func disconnect(_ connections: [MQTTLoadConnection]) async {
        await withTaskGroup(of: Void.self) { tasks in
            for connection in connections { tasks.addTask { await connection.close() } }
        }
    }

    /// Stops the event loops.
    func shutdown() async throws {
        try await group.shutdownGracefully()
    }
}
