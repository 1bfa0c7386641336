import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends webhook requests with AsyncHTTPClient: no redirects followed, connect
/// and response timeouts, at most a small part of each response body read.
public final class HTTPWebhookTransport: WebhookTransport {
    /// Timeouts and limits.
    public struct Configuration: Sendable {
        /// Time allowed to connect (and finish TLS). Default 5 s.
        public var connectTimeout: TimeAmount = .seconds(5)
        /// Time allowed from sending the request to the end of the answer. Default 15 s.
        public var responseTimeout: TimeAmount = .seconds(15)
        /// Response bytes read at most; the rest is dropped. Default 64 KiB.
        public var maxResponseBytes = 64 * 1024
        /// Connections kept per host. Default 8.
        public var connectionsPerHost = 8

        public init() {}
    }

    private let client: HTTPClient
    private let configuration: Configuration

    /// A transport with its own connection pool; call ``shutdown()`` when done.
    public init(configuration: Configuration = Configuration()) {
        var clientConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: configuration.connectTimeout, read: configuration.responseTimeout))
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = configuration.connectionsPerHost
        clientConfiguration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        self.configuration = configuration
    }

    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, timeout: configuration.responseTimeout)
            let status = Int(response.status.code)
            var read = 0
            for try await chunk in response.body {
                read += chunk.readableBytes
                if read >= configuration.maxResponseBytes { break }
            }
            if (300..<400).contains(status) { return WebhookResponse(status: status, error: "redirect_refused") }
            return WebhookResponse(status: status, error: nil)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            return WebhookResponse(status: nil, error: "timeout")
        } catch {
            return WebhookResponse(status: nil, error: "connection_failed")
        }
    }

    /// Closes every connection.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
