import Foundation
import Logging
import NIOCore
import VigilCore
import VigilMQTT
import VigilStore

/// One accepted device connection, shared by the task reading it and by
/// whoever sends to the device (REST calls for methods, desired properties,
/// cloud-to-device messages). Holds the ``IoTHubSession`` and does its I/O.
actor IoTHubConnection {
    /// The writer of the connection's channel.
    typealias Outbound = NIOAsyncChannelOutboundWriter<MQTTServerHandler.Response>

    nonisolated let deviceID: DeviceID
    /// Whether the session outlives the connection (`clean_session = 0`).
    nonisolated let isPersistent: Bool
    private var session: IoTHubSession
    private let outbound: Outbound
    private let channel: any Channel
    private let store: any Store
    private let now: @Sendable () -> Date
    private let logger: Logger

    private var methodCalls: [String: CheckedContinuation<DirectMethodResult, any Error>] = [:]
    private var ingestsInFlight = 0
    private var isDraining = false
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var isDelivering = false
    private var deliveryRequested = false
    /// Stored messages the device acknowledged, still to be removed.
    private var acknowledgedMessages: [Int64] = []
    private var hasEnded = false

    init(
        session: IoTHubSession, isPersistent: Bool, outbound: Outbound, channel: any Channel, store: any Store,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.deviceID = session.deviceID
        self.session = session
        self.isPersistent = isPersistent
        self.outbound = outbound
        self.channel = channel
        self.store = store
        self.now = now
        self.logger = logger
    }

    /// Writes to the device; false when the connection is gone.
    @discardableResult
    func send(_ response: MQTTServerHandler.Response) async -> Bool {
        do {
            try await outbound.write(response)
            return true
        } catch {
            return false
        }
    }

    /// Publishes at QoS 0 if the device subscribed to `kind`; false otherwise.
    @discardableResult
    func publish(topic: String, payload: Data, ifSubscribedTo kind: IoTHubSubscription) async -> Bool {
        guard session.isSubscribed(to: kind), !hasEnded else { return false }
        return await send(
            .publish(MQTTOutgoingPublish(topic: topic, payload: ByteBuffer(bytes: payload), qos: .atMostOnce)))
    }

    /// Closes the network connection (the reading task then ends it).
    func close() {
        channel.close(promise: nil)
    }

    // MARK: - Subscriptions

    /// Applies a SUBSCRIBE, keeps a persistent session's subscriptions, and
    /// returns the SUBACK codes.
    func subscribe(_ request: MQTTSubscribe) async -> [MQTTSubAckReturnCode] {
        let codes = session.subscribe(request)
        await saveSession()
        return codes
    }

    /// Applies an UNSUBSCRIBE and keeps a persistent session's subscriptions.
    func unsubscribe(_ filters: [String]) async {
        session.unsubscribe(filters)
        await saveSession()
    }

    private func saveSession() async {
        guard isPersistent else { return }
        do {
            try await store.sessions.save(
                DeviceSession(deviceID: deviceID, subscriptions: session.storedSubscriptions, updatedAt: now()))
        } catch {
            logger.error(
                "Could not store the device's session",
                metadata: ["device": "\(deviceID)", "error": "\(String(describing: type(of: error)))"])
        }
    }

    // MARK: - Device messages in flight

    /// Counts a device message as being handled; false while draining (drop it unacknowledged).
    func beginIngest() -> Bool {
        guard !isDraining else { return false }
        ingestsInFlight += 1
        return true
    }

    /// The device message counted by ``beginIngest()`` has been handled (and acknowledged).
    func endIngest() {
        ingestsInFlight -= 1
        if ingestsInFlight == 0 { resumeDrainWaiters() }
    }

    /// Stops taking device messages, waits until those in flight are committed
    /// and acknowledged, then closes the connection.
    func drain() async {
        isDraining = true
        if ingestsInFlight > 0 {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        close()
    }

    private func resumeDrainWaiters() {
        let waiters = drainWaiters
        drainWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Cloud-to-device messages

    /// Removes acknowledged messages from the queue, then sends queued ones
    /// while the device is subscribed and the in-flight window has room.
    ///
    /// One pass runs at a time (a call during a pass asks for another), and
    /// removals happen inside passes, so a pass never reads a message whose
    /// removal is under way and sends it a second time.
    func deliverCloudMessages() async {
        deliveryRequested = true
        guard !isDelivering else { return }
        isDelivering = true
        defer { isDelivering = false }
        while deliveryRequested {
            deliveryRequested = false
            while let messageID = acknowledgedMessages.popLast() { await removeDelivered(messageID) }
            guard session.isSubscribed(to: .cloudToDevice), !hasEnded else { continue }
            let room = IoTHubSession.maximumCloudMessagesInFlight
            let pending: [CloudMessage]
            do {
                pending = try await store.cloudMessages.pending(
                    for: deviceID, at: now(), limit: room + session.cloudMessagesInFlight)
            } catch {
                logger.error(
                    "Could not read queued cloud-to-device messages",
                    metadata: ["device": "\(deviceID)", "error": "\(String(describing: type(of: error)))"])
                return
            }
            for delivery in session.deliveries(of: pending) {
                guard await send(.publish(delivery.publish)) else { return }
                if delivery.isDeliveredWhenSent { await removeDelivered(delivery.messageID) }
            }
        }
    }

    /// The device acknowledged a message: remove it and send the next.
    func acknowledged(_ id: MQTTPacketID) async {
        guard let messageID = session.acknowledged(id) else { return }
        acknowledgedMessages.append(messageID)
        await deliverCloudMessages()
    }

    /// The MQTT layer did not send a message; it stays queued.
    func refused(_ publish: MQTTOutgoingPublish) {
        session.refused(publish)
    }

    private func removeDelivered(_ messageID: Int64) async {
        do {
            try await store.cloudMessages.remove(messageID)
        } catch {
            // Still queued: it is delivered again (at least once) on the next connection.
            logger.error(
                "Could not remove a delivered cloud-to-device message",
                metadata: ["device": "\(deviceID)", "error": "\(String(describing: type(of: error)))"])
        }
    }

    // MARK: - Direct methods

    /// Calls a method on the device and waits for its answer.
    ///
    /// - Throws: ``DirectMethodError`` `deviceOffline` when the device has not
    ///   subscribed to methods, `timeout`, or `disconnected`.
    func invokeMethod(name: String, payload: Data, timeout: Duration) async throws -> DirectMethodResult {
        guard session.isSubscribed(to: .methods), !hasEnded else { throw DirectMethodError(.deviceOffline) }
        let requestID = session.nextRequestID()
        let topic = IoTHubTopic.methodRequest(name: name, requestID: requestID)
        guard await publish(topic: topic, payload: payload, ifSubscribedTo: .methods) else {
            throw DirectMethodError(.deviceOffline)
        }
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.finishMethod(requestID, with: .failure(DirectMethodError(.timeout)))
        }
        defer { timer.cancel() }
        // No suspension between the publish returning and the continuation
        // being stored, so an answer cannot arrive before it is awaited.
        return try await withCheckedThrowingContinuation { methodCalls[requestID] = $0 }
    }

    /// The device answered a method call; answers to unknown calls are ignored.
    func methodResponded(requestID: String, status: Int, payload: ByteBuffer) {
        let body = Data(buffer: payload)
        let json: AnyJSON
        if body.isEmpty || body.allSatisfy({ $0 == UInt8(ascii: " ") }) {
            json = .null
        } else if let decoded = try? JSONDecoder().decode(AnyJSON.self, from: body) {
            json = decoded
        } else {
            json = .string(String(decoding: body, as: UTF8.self))
        }
        finishMethod(requestID, with: .success(DirectMethodResult(status: status, payload: json)))
    }

    private func finishMethod(_ requestID: String, with result: Result<DirectMethodResult, any Error>) {
        methodCalls.removeValue(forKey: requestID)?.resume(with: result)
    }

    /// The connection is over: pending method calls fail, deliveries stop.
    func ended() {
        hasEnded = true
        let calls = methodCalls
        methodCalls = [:]
        for call in calls.values { call.resume(throwing: DirectMethodError(.disconnected)) }
        isDraining = true
    }
}
