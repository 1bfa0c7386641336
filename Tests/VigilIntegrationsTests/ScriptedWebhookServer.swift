import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A loopback HTTP/1.1 server that answers each request as a script says and
/// records what it saw: connections opened, the most open at once, requests.
final class ScriptedWebhookServer: Sendable {
    /// How to answer one request.
    enum Answer: Sendable {
        /// This status after `delay`, with a body of `bodyBytes` bytes; the
        /// connection is closed after it when `close`.
        case status(Int, delay: TimeAmount = .zero, bodyBytes: Int = 0, close: Bool = false, location: String? = nil)
        /// No answer at all.
        case silence
    }

    /// One request as received.
    struct Request: Sendable {
        let head: HTTPRequestHead
        var body: [UInt8]
    }

    struct Record: Sendable {
        var connectionsOpened = 0
        var openNow = 0
        var mostOpenAtOnce = 0
        var requests: [Request] = []
    }

    private let record = Mutex(Record())
    private let script: @Sendable (Int) -> Answer
    private let channel = Mutex<(any Channel)?>(nil)

    /// A server answering the `n`th request (from 0) with `script(n)`.
    init(script: @escaping @Sendable (Int) -> Answer) {
        self.script = script
    }

    /// Starts listening on a free loopback port and returns it.
    func start() async throws -> Int {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                record.withLock { record in
                    record.connectionsOpened += 1
                    record.openNow += 1
                    record.mostOpenAtOnce = max(record.mostOpenAtOnce, record.openNow)
                }
                channel.closeFuture.whenComplete { [self] _ in record.withLock { $0.openNow -= 1 } }
                return channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channel.withLock { $0 = server }
        return server.localAddress?.port ?? 0
    }

    func stop() async throws {
        try await channel.withLock { $0 }?.close()
    }

    /// What the server saw so far.
    var seen: Record { record.withLock { $0 } }

    /// Records a request's head and returns its number.
    fileprivate func received(_ head: HTTPRequestHead) -> Int {
        record.withLock { record in
            record.requests.append(Request(head: head, body: []))
            return record.requests.count - 1
        }
    }

    fileprivate func received(body: ByteBuffer, of request: Int) {
        record.withLock { $0.requests[request].body += body.readableBytesView }
    }

    fileprivate func answer(_ request: Int) -> Answer { script(request) }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let server: ScriptedWebhookServer
        private var current = 0

        init(server: ScriptedWebhookServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                current = server.received(head)
            case .body(let part):
                server.received(body: part, of: current)
            case .end:
                guard case .status(let code, let delay, let bodyBytes, let close, let location) = server.answer(current)
                else { return }
                var headers: HTTPHeaders = ["content-length": String(bodyBytes)]
                if close { headers.add(name: "connection", value: "close") }
                if let location { headers.add(name: "location", value: location) }
                let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: code), headers: headers)
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: delay) {
                    let (handler, context) = bound.value
                    context.write(handler.wrapOutboundOut(.head(head)), promise: nil)
                    if bodyBytes > 0 {
                        let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: bodyBytes)
                        context.write(handler.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                    }
                    context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
                    if close { context.close(promise: nil) }
                }
            }
        }
    }
}
