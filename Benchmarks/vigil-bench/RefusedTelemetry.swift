import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Telemetry that Vigil refuses (a heart rate of 900/min, outside the plausible
/// range): each message is quarantined and writes a `device.quarantine`
/// event, which makes a webhook backlog without the measured load writing any.
enum RefusedTelemetry {
    /// Messages in flight at once, each on a connection of its own.
    static let lanes = 64

    /// Sends `count` refused messages, round the devices, ``lanes`` at a time:
    /// enough that Vigil commits them in large groups and the backlog is queued
    /// in seconds, faster than the relay drains it.
    ///
    /// - Throws: ``BenchmarkError`` unless every message is answered without a server error.
    static func send(_ count: Int, devices: [BenchDevice], deviceURL: String) async throws {
        var configuration = HTTPClient.Configuration(certificateVerification: .none)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = lanes
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<lanes {
                    group.addTask {
                        for index in stride(from: lane, to: count, by: lanes) {
                            let device = devices[index % devices.count]
                            var request = HTTPClientRequest(url: deviceURL + device.telemetryPath)
                            request.method = .POST
                            request.headers.add(name: "Authorization", value: device.token)
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.body = .bytes(ByteBuffer(string: #"{"heartRate": 900}"#))
                            let response = try await client.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 64 * 1024)
                            guard response.status.code < 500 else {
                                throw BenchmarkError("a refused message was answered \(response.status)")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
