import NIOCore

/// Runs an ``MQTTConnectionStateMachine`` on a channel: it answers the
/// protocol itself (CONNACK, PUBACK after commit, PINGRESP, keep-alive, close)
/// and passes on only what the application must decide.
///
/// Put it after the codec:
///
///     try channel.pipeline.syncOperations.addHandlers(
///         ByteToMessageHandler(MQTTDecoder()),
///         MessageToByteHandler(MQTTEncoder()),
///         MQTTServerHandler()
///     )
///
/// It reads ``Request``s on to the next handler (or an `NIOAsyncChannel`'s
/// inbound stream) and takes ``Response``s written to it. Protocol errors
/// from the decoder are handled here and not passed on; other errors are,
/// until the connection is closing.
public final class MQTTServerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = MQTTPacket
    public typealias InboundOut = Request
    public typealias OutboundIn = Response
    public typealias OutboundOut = MQTTPacket

    private var stateMachine: MQTTConnectionStateMachine
    private var timer: Scheduled<Void>?

    /// Creates a handler for one connection.
    public init(configuration: MQTTConnectionStateMachine.Configuration = .init()) {
        self.stateMachine = MQTTConnectionStateMachine(configuration: configuration)
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            run(.channelActive(now: context.eventLoop.now), context: context, inReadCycle: false)
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    public func channelActive(context: ChannelHandlerContext) {
        run(.channelActive(now: context.eventLoop.now), context: context, inReadCycle: false)
        context.fireChannelActive()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        run(.channelClosed, context: context, inReadCycle: false)
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = unwrapInboundIn(data)
        run(.received(packet, now: context.eventLoop.now), context: context, inReadCycle: true)
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once closing, later errors (such as bytes the failed decoder still
        // receives) are consequences of the first and are dropped.
        guard !stateMachine.isClosed else { return }
        guard let protocolError = error as? MQTTProtocolError else {
            context.fireErrorCaught(error)
            return
        }
        run(.protocolError(protocolError), context: context, inReadCycle: false)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        run(unwrapOutboundIn(data).event, context: context, inReadCycle: false)
        promise?.succeed(())
    }

    /// Feeds one event to the state machine and carries out its actions.
    private func run(_ event: MQTTConnectionStateMachine.Event, context: ChannelHandlerContext, inReadCycle: Bool) {
        var wrote = false
        var read = false
        for action in stateMachine.handle(event) {
            switch action {
            case .send(let packet):
                context.write(wrapOutboundOut(packet), promise: nil)
                wrote = true
            case .scheduleTimer(let deadline):
                schedule(at: deadline, context: context)
            case .close(let reason):
                if wrote { context.flush() }
                wrote = false
                context.fireChannelRead(wrapInboundOut(.closing(reason)))
                read = true
                timer?.cancel()
                timer = nil
                context.close(promise: nil)
            case .authenticate(let connect):
                context.fireChannelRead(wrapInboundOut(.authenticate(connect)))
                read = true
            case .deliver(let publish):
                context.fireChannelRead(wrapInboundOut(.deliver(publish)))
                read = true
            case .subscribe(let subscribe):
                context.fireChannelRead(wrapInboundOut(.subscribe(subscribe)))
                read = true
            case .unsubscribe(let unsubscribe):
                context.fireChannelRead(wrapInboundOut(.unsubscribe(unsubscribe)))
                read = true
            case .publishAcknowledged(let id):
                context.fireChannelRead(wrapInboundOut(.publishAcknowledged(id)))
                read = true
            case .publishRefused(let message, let refusal):
                context.fireChannelRead(wrapInboundOut(.publishRefused(message, refusal)))
                read = true
            case .publishWill(let will):
                context.fireChannelRead(wrapInboundOut(.publishWill(will)))
                read = true
            }
        }
        if wrote { context.flush() }
        // Outside a read cycle nothing else will tell the next handler the batch is over.
        if read && !inReadCycle { context.fireChannelReadComplete() }
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            self.timer = nil
            self.run(.timerFired(now: context.eventLoop.now), context: context, inReadCycle: false)
        }
    }
}

@available(*, unavailable)
extension MQTTServerHandler: Sendable {}
