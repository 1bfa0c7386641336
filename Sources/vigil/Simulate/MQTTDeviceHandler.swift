import NIOCore
import VigilMQTT

/// The client side of one device's MQTT connection: sends CONNECT when the
/// channel is active, and completes each QoS 1 publish's promise on its PUBACK.
final class MQTTDeviceHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = MQTTPacket

    private let connect: MQTTConnect
    private let connack: EventLoopPromise<Void>
    private var awaitingConnack = true
    private var waiting: [MQTTPacketID: EventLoopPromise<Void>] = [:]
    private var lastPacketID: UInt16 = 0
    private var context: ChannelHandlerContext?

    init(connect: MQTTConnect, connack: EventLoopPromise<Void>) {
        self.connect = connect
        self.connack = connack
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(.connect(connect)), promise: nil)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let error = SimulationError("the server closed the MQTT connection")
        if awaitingConnack {
            awaitingConnack = false
            connack.fail(error)
        }
        for promise in waiting.values { promise.fail(error) }
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .connack(let answer) where awaitingConnack:
            awaitingConnack = false
            if answer.returnCode == .accepted {
                connack.succeed()
            } else {
                connack.fail(SimulationError("CONNACK \(answer.returnCode)"))
            }
        case .puback(let id):
            waiting.removeValue(forKey: id)?.succeed()
        default:
            break
        }
    }

    /// Publishes at QoS 1; the future completes on the PUBACK.
    func publish(topic: String, payload: ByteBuffer, on loop: any EventLoop) -> EventLoopFuture<Void> {
        guard let context else { return loop.makeFailedFuture(SimulationError("not connected")) }
        repeat { lastPacketID = lastPacketID == UInt16.max ? 1 : lastPacketID + 1 } while waiting[
            MQTTPacketID(lastPacketID)] != nil
        let id = MQTTPacketID(lastPacketID)
        let promise = loop.makePromise(of: Void.self)
        waiting[id] = promise
        let publish = MQTTPublish(qos: .atLeastOnce, topic: topic, packetID: id, payload: payload)
        context.writeAndFlush(wrapOutboundOut(.publish(publish)), promise: nil)
        return promise.futureResult
    }
}
