import NIOCore
import NIOHTTP1

/// The last handler of a webhook connection: sends one request at a time and
/// reports the answer's status, reading at most a small part of its body.
final class WebhookExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// How an exchange ended.
    enum Outcome {
        /// An answer with this status; `reusable` when the connection may carry another request.
        case answered(status: Int, reusable: Bool)
        /// No answer within the time allowed.
        case timedOut
        /// The connection failed or closed before the answer ended.
        case failed
    }

    private let maxResponseBytes: Int
    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<Outcome>?
    private var deadline: Scheduled<Void>?
    private var status = 0
    private var keepAlive = false
    private var bodyBytes = 0

    init(maxResponseBytes: Int) {
        self.maxResponseBytes = maxResponseBytes
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Sends `head` and `body` and completes `promise` with how the exchange
    /// ended; the connection is closed unless the outcome is reusable. Call on
    /// the channel's event loop, one exchange at a time.
    func exchange(
        head: HTTPRequestHead, body: ByteBuffer, timeout: TimeAmount, promise: EventLoopPromise<Outcome>
    ) {
        guard let context, context.channel.isActive else { return promise.succeed(.failed) }
        pending = promise
        (status, keepAlive, bodyBytes) = (0, false, 0)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) { handler.value.finish(.timedOut) }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body(let part):
            bodyBytes += part.readableBytes
            if bodyBytes > maxResponseBytes { finish(.answered(status: status, reusable: false)) }
        case .end:
            finish(.answered(status: status, reusable: keepAlive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failed)
    }

    /// Completes the exchange in progress, if any, closing the connection
    /// unless it is reusable; an answer that comes with no request is an error.
    /// The exchange is taken before closing, since closing reports the
    /// connection inactive, which would otherwise end it as failed.
    private func finish(_ outcome: Outcome) {
        deadline?.cancel()
        deadline = nil
        let promise = pending
        pending = nil
        let reusable = if case .answered(_, true) = outcome { true } else { false }
        if !reusable || promise == nil { context?.close(promise: nil) }
        promise?.succeed(outcome)
    }
}
