import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends webhook requests with AsyncHTTPClient: no redirects followed, connect
/// and response timeouts, at most a small part of each response body read.
/// Connections are kept alive per host and reused.
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

    /// Sends on the client's event loops from start to end (no hop to Swift
    /// concurrency per part of the answer): only the status is kept.
    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        let reader = WebhookStatusReader(limit: configuration.maxResponseBytes)
        do {
            var headers = HTTPHeaders()
            for (name, value) in request.headers { headers.add(name: name, value: value) }
            let outgoing = try HTTPClient.Request(
                url: request.url, method: .POST, headers: headers, body: .bytes(request.body))
            let task = client.execute(
                request: outgoing, delegate: reader, deadline: .now() + configuration.responseTimeout)
            let status = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return Self.response(status: status)
        } catch is WebhookStatusReader.LimitReached {
            return Self.response(status: reader.status)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            return WebhookResponse(status: nil, error: "timeout")
        } catch {
            return WebhookResponse(status: nil, error: "connection_failed")
        }
    }

    private static func response(status: Int) -> WebhookResponse {
        if (300..<400).contains(status) { return WebhookResponse(status: status, error: "redirect_refused") }
        return WebhookResponse(status: status, error: nil)
    }

    /// Closes every connection.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
