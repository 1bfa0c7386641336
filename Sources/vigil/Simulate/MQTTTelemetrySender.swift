import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import VigilSimulator

/// Sends telemetry over MQTT (IoT Hub topics, QoS 1), one connection per
/// device, opened on first use and kept; a message counts as acknowledged on
/// its PUBACK, which Vigil sends only once it is committed.
actor MQTTTelemetrySender: TelemetrySender {
    private let host: String
    private let port: Int
    private let tls: NIOSSLContext?
    private let hostName: String
    private let tokens: [String: String]
    private var connections: [String: Task<MQTTDeviceConnection, any Error>] = [:]

    init(host: String, port: Int, caPath: String?, useTLS: Bool, hostName: String, tokens: [String: String]) throws {
        if useTLS {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caPath { configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath)) }
            tls = try NIOSSLContext(configuration: configuration)
        } else {
            tls = nil
        }
        self.host = host
        self.port = port
        self.hostName = hostName
        self.tokens = tokens
    }

    nonisolated func send(_ message: SimulatedMessage) async -> SendOutcome {
        do {
            let connection = try await connection(for: message.device.deviceID)
            try await connection.send(Array(message.body))
            return .acknowledged
        } catch {
            await forget(message.device.deviceID)
            return .failed
        }
    }

    private func connection(for deviceID: String) async throws -> MQTTDeviceConnection {
        if let existing = connections[deviceID] { return try await existing.value }
        guard let token = tokens[deviceID] else { throw SimulationError("no key for device \(deviceID)") }
        let (host, port, tls, hostName) = (self.host, self.port, self.tls, self.hostName)
        let opening = Task {
            try await MQTTDeviceConnection.open(
                host: host, port: port, tls: tls, hostName: hostName, deviceID: deviceID, token: token,
                group: MultiThreadedEventLoopGroup.singleton)
        }
        connections[deviceID] = opening
        return try await opening.value
    }

    private func forget(_ deviceID: String) {
        connections[deviceID] = nil
    }

    func shutdown() async {
        for task in connections.values {
            if let connection = try? await task.value { await connection.close() }
        }
        connections.removeAll()
    }
}
