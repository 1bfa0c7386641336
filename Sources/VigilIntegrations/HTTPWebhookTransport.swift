import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Sends webhook requests over HTTP/1.1 with SwiftNIO: connections kept alive
/// and reused per origin (at most ``Configuration/connectionsPerHost`` at
/// once), TLS verified against the system's trust roots, redirects never
/// followed, a connect and a response timeout, and at most a small part of
/// each answer's body read. Only the status is kept.
///
/// Each request is one write of its head and body and one read of the
/// answer, with nothing in between: delivering webhooks is the relay's whole
/// job, so it costs as little CPU as the protocol allows, leaving the
/// machine to ingest.
public final class HTTPWebhookTransport: WebhookTransport {
    /// Timeouts and limits.
    public struct Configuration: Sendable {
        /// Time allowed to connect (and finish TLS). Default 5 s.
        public var connectTimeout: TimeAmount = .seconds(5)
        /// Time allowed from sending the request to the end of the answer. Default 15 s.
        public var responseTimeout: TimeAmount = .seconds(15)
        /// Response bytes read at most; the connection is closed after. Default 64 KiB.
        public var maxResponseBytes = 64 * 1024
        /// Connections kept per host. Default 8.
        public var connectionsPerHost = 8
        /// Certificates trusted for `https` endpoints. Default: the system's.
        public var trustRoots: NIOSSLTrustRoots = .default

        public init() {}
    }

    private let configuration: Configuration
    private let group: any EventLoopGroup
    private let pool: WebhookConnectionPool
    private let tls: NIOSSLContext

    /// A transport with its own connections; call ``shutdown()`` when done.
    ///
    /// - Throws: when the TLS context cannot be made (unreadable trust roots).
    public init(
        configuration: Configuration = Configuration(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.trustRoots = configuration.trustRoots
        tls = try NIOSSLContext(configuration: tlsConfiguration)
        self.configuration = configuration
        self.group = group
        pool = WebhookConnectionPool(limit: configuration.connectionsPerHost)
    }

    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        guard let target = Target(request.url) else { return WebhookResponse(status: nil, error: "connection_failed") }
        var connection = await pool.checkOut(target.origin)
        defer { pool.checkIn(target.origin, connection) }
        do {
            if connection == nil { connection = try await connect(to: target.origin) }
            guard let connection else { return WebhookResponse(status: nil, error: "connection_failed") }
            let outcome = try await exchange(request, target: target, on: connection)
            switch outcome {
            case .answered(let status, _) where (300..<400).contains(status):
                return WebhookResponse(status: status, error: "redirect_refused")
            case .answered(let status, _):
                return WebhookResponse(status: status, error: nil)
            case .timedOut:
                return WebhookResponse(status: nil, error: "timeout")
            case .failed:
                return WebhookResponse(status: nil, error: "connection_failed")
            }
        } catch let error as ChannelError where error == .connectTimeout(configuration.connectTimeout) {
            return WebhookResponse(status: nil, error: "timeout")
        } catch {
            return WebhookResponse(status: nil, error: "connection_failed")
        }
    }

    /// Closes every connection.
    public func shutdown() async throws {
        pool.close()
    }

    /// Opens a connection: TCP, TLS for `https`, then HTTP/1.1.
    private func connect(to origin: WebhookConnectionPool.Origin) async throws -> WebhookConnectionPool.Connection {
        let (tls, maxResponseBytes) = (origin.secure ? self.tls : nil, configuration.maxResponseBytes)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(configuration.connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    if let tls {
                        let hostname = Target.isIPAddress(origin.host) ? nil : origin.host
                        try handlers.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname))
                    }
                    try handlers.addHTTPClientHandlers()
                    try handlers.addHandler(WebhookExchangeHandler(maxResponseBytes: maxResponseBytes))
                }
            }
            .connect(host: origin.host, port: origin.port).get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: WebhookExchangeHandler.self),
                eventLoop: channel.eventLoop)
        }.get()
        return WebhookConnectionPool.Connection(channel: channel, handler: handler)
    }

    /// One request and its answer on `connection`.
    private func exchange(
        _ request: WebhookRequest, target: Target, on connection: WebhookConnectionPool.Connection
    ) async throws -> WebhookExchangeHandler.Outcome {
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 3)
        headers.add(name: "host", value: target.hostHeader)
        headers.add(name: "user-agent", value: "Vigil-Webhooks")
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        headers.add(name: "content-length", value: String(request.body.count))
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.requestTarget, headers: headers)
        let body = ByteBuffer(bytes: request.body)
        let loop = connection.channel.eventLoop
        let promise = loop.makePromise(of: WebhookExchangeHandler.Outcome.self)
        let timeout = configuration.responseTimeout
        loop.execute {
            connection.handler.value.exchange(head: head, body: body, timeout: timeout, promise: promise)
        }
        return try await promise.futureResult.get()
    }
}

extension HTTPWebhookTransport {
    /// Where a request goes and what its request line and `host` header say.
    struct Target {
        let origin: WebhookConnectionPool.Origin
        let hostHeader: String
        let requestTarget: String

        init?(_ url: URL) {
            guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
                let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
                let host = components.host, !host.isEmpty
            else { return nil }
            let secure = scheme == "https"
            let defaultPort = secure ? 443 : 80
            let port = components.port ?? defaultPort
            origin = WebhookConnectionPool.Origin(secure: secure, host: host, port: port)
            let bracketed = host.contains(":") ? "[\(host)]" : host
            hostHeader = port == defaultPort ? bracketed : "\(bracketed):\(port)"
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            requestTarget = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        }

        /// Whether `host` is an IPv4 or IPv6 address (TLS then sends no server name).
        static func isIPAddress(_ host: String) -> Bool {
            (try? SocketAddress(ipAddress: host, port: 0)) != nil
        }
    }
}
