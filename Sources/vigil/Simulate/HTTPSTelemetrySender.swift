import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import VigilSimulator

/// Sends telemetry to IoT Hub's HTTPS endpoint,
/// `POST /devices/{deviceId}/messages/events`, with a SAS token per device,
/// over at most `connections` keep-alive connections.
struct HTTPSTelemetrySender: TelemetrySender {
    let client: HTTPClient
    let baseURL: String
    let tokens: [String: String]

    init(baseURL: String, caPath: String?, connections: Int, tokens: [String: String]) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caPath { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath)) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.baseURL = baseURL
        self.tokens = tokens
    }

    func send(_ message: SimulatedMessage) async -> SendOutcome {
        guard let token = tokens[message.device.deviceID] else { return .failed }
        var request = HTTPClientRequest(
            url: "\(baseURL)/devices/\(message.device.deviceID)/messages/events?api-version=2021-04-12")
        request.method = .POST
        request.headers.add(name: "authorization", value: token)
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: message.body))
        // As the IoT Hub SDKs do, a throttled message is sent again after `Retry-After`.
        for _ in 0..<Self.throttledRetries {
            do {
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 64 * 1024)
                switch response.status.code {
                case 200..<300:
                    return .acknowledged
                case 429:
                    let seconds = response.headers.first(name: "retry-after").flatMap(Double.init) ?? 1
                    try await Task.sleep(for: .milliseconds(Int(min(max(seconds, 0.1), 30) * 1000)))
                case 400..<500:
                    return .refused(status: Int(response.status.code))
                default:
                    return .failed
                }
            } catch {
                return .failed
            }
        }
        return .refused(status: 429)
    }

    /// How many times a throttled message is sent before it counts as refused.
    static let throttledRetries = 5

    func shutdown() async {
        try? await client.shutdown()
    }
}
