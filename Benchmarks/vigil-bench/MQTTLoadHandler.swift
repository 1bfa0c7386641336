import NIOCore
import VigilMQTT

/// One load-generator connection as one device: sends CONNECT when the
/// connection is up, then, for each run it is given, QoS 1 telemetry
/// publishes on the run's ``MQTTLoadSchedule``, and counts the PUBACKs and
/// their latency.
///
/// Put it after the codec (`MQTTDecoder`, `MQTTEncoder`); call its methods on
/// the channel's event loop only.
final class MQTTLoadHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = MQTTPacket

    /// A run in progress.
    private struct Run {
        let schedule: MQTTLoadSchedule
        let promise: EventLoopPromise<MQTTConnectionTally>
        var tally = MQTTConnectionTally()
        /// Packet id → when its publish was sent (or fell due), in uptime nanoseconds.
        var outstanding: [UInt16: UInt64] = [:]
        /// Paced publishes that fell due while the window was full: when each fell due.
        var due = CircularBuffer<UInt64>()
        /// At the maximum, the publishes the connection may still send now.
        var bucket: MQTTTokenBucket?
        /// Whether ``next`` will publish once the bucket has a token again.
        var awaitingToken = false
        /// The first publish, the end and the drain timeout.
        var timers: [Scheduled<Void>] = []
        /// The next paced publish, or the bucket's next token.
        var next: Scheduled<Void>?
    }

    private let device: MQTTDevice
    private let connack: EventLoopPromise<Void>
    private var awaitingConnack = true
    private var context: ChannelHandlerContext?
    private var run: Run?
    private var lastPacketID: UInt16 = 0
    private var needsFlush = false
    private var failure: (any Error)?

    /// A connection for `device`; `connack` completes when the broker accepts
    /// the CONNECT and fails when it refuses it or the connection ends first.
    init(device: MQTTDevice, connack: EventLoopPromise<Void>) {
        self.device = device
        self.connack = connack
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(.connect(device.connect)), promise: nil)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let reason = failure.map { "\($0)" } ?? "the broker closed the connection"
        let error = BenchmarkError("\(device.connect.clientID): \(reason)")
        if awaitingConnack {
            awaitingConnack = false
            connack.fail(error)
        }
        finish(.failure(error))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = error }
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .connack(let answer) where awaitingConnack:
            awaitingConnack = false
            if answer.returnCode == .accepted {
                connack.succeed()
            } else {
                connack.fail(BenchmarkError("\(device.connect.clientID): CONNACK \(answer.returnCode)"))
            }
        case .puback(let id):
            acknowledge(id, now: .now())
        default:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    /// Starts a run; the future gives its tally once the run has ended and
    /// every publish was acknowledged, and fails when the connection ends or
    /// PUBACKs are still outstanding ``MQTTLoadSchedule/drainTimeout`` after the end.
    func start(_ schedule: MQTTLoadSchedule) -> EventLoopFuture<MQTTConnectionTally> {
        guard let context, run == nil, !awaitingConnack else {
            return connack.futureResult.eventLoop.makeFailedFuture(
                BenchmarkError("\(device.connect.clientID): not connected, or a run is still in progress"))
        }
        let promise = context.eventLoop.makePromise(of: MQTTConnectionTally.self)
        run = Run(schedule: schedule, promise: promise)
        let loop = context.eventLoop.assumeIsolated()
        var first = schedule.start
        switch schedule.pace {
        case .maximum(let ceiling):
            run?.bucket = MQTTTokenBucket(
                rate: ceiling, burst: Double(schedule.window), now: schedule.start.uptimeNanoseconds)
        case .paced(_, let offset):
            first = first + offset
        }
        run?.timers = [
            loop.scheduleTask(deadline: first) { [self] in self.fallDue(at: first) },
            loop.scheduleTask(deadline: schedule.end) { [self] in self.finishIfDrained(now: .now()) },
            loop.scheduleTask(deadline: schedule.end + schedule.drainTimeout) { [self] in
                let outstanding = self.run?.outstanding.count ?? 0
                self.finish(
                    .failure(
                        BenchmarkError(
                            "\(self.device.connect.clientID): \(outstanding) PUBACKs outstanding "
                                + "\(schedule.drainTimeout) after the end of the run")))
            },
        ]
        return promise.futureResult
    }

    /// A scheduled moment of the run: at the maximum, the start (fill the
    /// window); paced, a publish falls due and the next one is scheduled.
    private func fallDue(at moment: NIODeadline) {
        guard let context, let schedule = run?.schedule, moment < schedule.end else { return }
        if case .paced(let interval, _) = schedule.pace {
            run?.due.append(moment.uptimeNanoseconds)
            let next = moment + interval
            run?.next = context.eventLoop.assumeIsolated().scheduleTask(deadline: next) { [self] in
                self.fallDue(at: next)
            }
        }
        publishWhileRoom(now: .now())
        context.flush()
    }

    /// At the maximum, the bucket has a token again.
    private func tokenArrived() {
        run?.awaitingToken = false
        publishWhileRoom(now: .now())
        context?.flush()
    }

    private func acknowledge(_ id: MQTTPacketID, now: NIODeadline) {
        guard var current = run, let sentAt = current.outstanding.removeValue(forKey: id.rawValue) else {
            failure = BenchmarkError("\(device.connect.clientID): PUBACK for packet \(id), which is not outstanding")
            context?.close(promise: nil)
            return
        }
        current.tally.acknowledged += 1
        if now <= current.schedule.end { current.tally.acknowledgedInRun += 1 }
        let microseconds = (now.uptimeNanoseconds &- sentAt) / 1000
        current.tally.latencies.append(UInt32(clamping: microseconds))
        run = current
        publishWhileRoom(now: now)
        needsFlush = true
        finishIfDrained(now: now)
    }

    /// Sends publishes while fewer than the window are outstanding: at the
    /// maximum until the end, as the bucket allows; paced, those that fell due.
    private func publishWhileRoom(now: NIODeadline) {
        guard let context, var current = run else { return }
        let schedule = current.schedule
        while current.outstanding.count < schedule.window {
            let sentAt: UInt64
            if var bucket = current.bucket {
                guard now < schedule.end else { break }
                let granted = bucket.take(now: now.uptimeNanoseconds)
                current.bucket = bucket
                guard granted else {
                    if !current.awaitingToken {
                        current.awaitingToken = true
                        let wake = now + .nanoseconds(bucket.nanosecondsToNextToken)
                        current.next = context.eventLoop.assumeIsolated().scheduleTask(deadline: wake) { [self] in
                            self.tokenArrived()
                        }
                    }
                    break
                }
                sentAt = now.uptimeNanoseconds
            } else {
                guard let dueAt = current.due.popFirst() else { break }
                sentAt = dueAt
            }
            lastPacketID = lastPacketID == .max ? 1 : lastPacketID + 1
            current.outstanding[lastPacketID] = sentAt
            current.tally.published += 1
            let publish = MQTTPublish(
                qos: .atLeastOnce, topic: device.topic, packetID: MQTTPacketID(lastPacketID), payload: device.body)
            context.write(wrapOutboundOut(.publish(publish)), promise: nil)
        }
        run = current
    }

    private func finishIfDrained(now: NIODeadline) {
        guard let current = run, now >= current.schedule.end, current.outstanding.isEmpty, current.due.isEmpty
        else { return }
        finish(.success(current.tally))
    }

    private func finish(_ result: Result<MQTTConnectionTally, any Error>) {
        guard let current = run else { return }
        run = nil
        current.timers.forEach { $0.cancel() }
        current.next?.cancel()
        current.promise.completeWith(result)
    }
}

@available(*, unavailable)
extension MQTTLoadHandler: Sendable {}
