import NIOCore

/// The server side of one MQTT 3.1.1 connection, as a pure state machine:
/// feed it ``Event``s, carry out the ``Action``s it returns. It does no I/O
/// and reads no clock; times come in with the events.
///
/// Rules it enforces:
/// - The first packet must be CONNECT; a CONNECT without a client identifier
///   and without clean session is refused with CONNACK 0x02. A second CONNECT
///   closes the connection.
/// - After CONNECT the application authenticates. Packets arriving before it
///   answers are **queued** (up to
///   ``Configuration/maximumQueuedPacketsBeforeConnAck``) and handled after an
///   accepting CONNACK, or discarded after a refusal, as the standard requires.
/// - Keep-alive: nothing received for 1.5 × the CONNECT's keep-alive closes
///   the connection; keep-alive 0 disables the check.
/// - PINGREQ is answered with PINGRESP; DISCONNECT closes cleanly and discards
///   the will. Any other end of an accepted connection publishes the will.
/// - A client QoS 1 PUBLISH is delivered to the application and acknowledged
///   only after ``Event/publishCommitted(_:)``. PUBACKs leave in the order the
///   PUBLISHes arrived (as MQTT requires of clients, §4.6): a commit that
///   overtakes an earlier one waits for it. With group commit, commits finish
///   in order anyway, so this costs nothing in practice.
/// - A QoS 2 PUBLISH closes the connection unless ``Configuration/allowQoS2``;
///   when allowed it is delivered once, PUBREC follows the commit, and PUBREL
///   is answered with PUBCOMP.
/// - Requested subscription QoS is lowered to what the configuration grants.
/// - Server → client messages get packet identifiers from a window of
///   in-flight messages; the client's PUBACK (or PUBCOMP) frees them.
///
/// State does not outlive the connection: persistent sessions, re-delivery
/// and duplicate detection across connections belong to the application.
public struct MQTTConnectionStateMachine: Sendable {
    private enum State: Hashable, Sendable {
        case awaitingConnect
        case authenticating
        case connected
        case closed
    }

    /// The configuration this connection runs with.
    public let configuration: Configuration
    private var state: State = .awaitingConnect
    private var connectDeadline: NIODeadline?
    /// 1.5 × the keep-alive interval, or `nil` when keep-alive is off.
    private var keepAliveTimeout: TimeAmount?
    private var lastReceived: NIODeadline = .uptimeNanoseconds(0)
    private var will: MQTTWill?
    private var queuedBeforeConnAck: [MQTTPacket] = []
    private var inboundAcks = MQTTInboundAckQueue()
    /// Client QoS 2 messages answered with PUBREC, awaiting PUBREL.
    private var awaitingRelease: Set<MQTTPacketID> = []
    private var outgoing: MQTTOutgoingWindow
    /// Filter counts of SUBSCRIBEs the application has not answered yet.
    private var pendingSubscribes: [MQTTPacketID: Int] = [:]
    private var pendingUnsubscribes: Set<MQTTPacketID> = []

    /// Creates the state machine of a new connection.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.outgoing = MQTTOutgoingWindow(capacity: configuration.maximumInFlightPublishes)
    }

    /// Whether the CONNECT has been accepted and the connection is not closed.
    public var isConnected: Bool { state == .connected }

    /// Whether the connection has been closed (or asked to be).
    public var isClosed: Bool { state == .closed }

    /// How many client PUBLISHes await ``Event/publishCommitted(_:)`` or an
    /// earlier commit; a server may stop reading while this is high.
    public var uncommittedPublishCount: Int { inboundAcks.count }

    /// How many server → client messages await acknowledgement.
    public var inFlightPublishCount: Int { outgoing.count }

    /// Handles one event and returns what to do, in order.
    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .channelActive(let now):
            return channelActive(now: now)
        case .received(let packet, let now):
            return received(packet, now: now)
        case .protocolError(let error):
            return protocolError(error)
        case .timerFired(let now):
            return timerFired(now: now)
        case .authenticationCompleted(let code, let sessionPresent):
            return authenticationCompleted(code, sessionPresent: sessionPresent)
        case .publishCommitted(let id):
            return publishCommitted(id)
        case .subscribeCompleted(let id, let returnCodes):
            return subscribeCompleted(id, returnCodes: returnCodes)
        case .unsubscribeCompleted(let id):
            guard state == .connected, pendingUnsubscribes.remove(id) != nil else { return [] }
            return [.send(.unsuback(id))]
        case .publish(let message):
            return publish(message)
        case .channelClosed:
            return close(nil)
        }
    }

    // MARK: - Connection lifecycle

    private mutating func channelActive(now: NIODeadline) -> [Action] {
        guard state == .awaitingConnect else { return [] }
        let deadline = now + configuration.connectTimeout
        connectDeadline = deadline
        lastReceived = now
        return [.scheduleTimer(at: deadline)]
    }

    private mutating func received(_ packet: MQTTPacket, now: NIODeadline) -> [Action] {
        switch state {
        case .closed:
            return []
        case .awaitingConnect:
            lastReceived = now
            guard case .connect(let connect) = packet else { return close(.firstPacketNotConnect(packet.type)) }
            return receivedConnect(connect, now: now)
        case .authenticating:
            lastReceived = now
            if case .connect = packet { return close(.duplicateConnect) }
            guard queuedBeforeConnAck.count < configuration.maximumQueuedPacketsBeforeConnAck else {
                return close(.tooManyPacketsBeforeConnAck)
            }
            queuedBeforeConnAck.append(packet)
            return []
        case .connected:
            lastReceived = now
            return receivedWhileConnected(packet)
        }
    }

    private mutating func receivedConnect(_ connect: MQTTConnect, now: NIODeadline) -> [Action] {
        if connect.clientID.isEmpty && !connect.cleanSession {
            return refuse(.identifierRejected)
        }
        state = .authenticating
        connectDeadline = nil
        will = connect.will
        var actions: [Action] = [.authenticate(connect)]
        if connect.keepAlive > 0 {
            let timeout = TimeAmount.milliseconds(Int64(connect.keepAlive) * 1_500)
            keepAliveTimeout = timeout
            actions.append(.scheduleTimer(at: now + timeout))
        }
        return actions
    }

    private mutating func authenticationCompleted(_ code: MQTTConnectReturnCode, sessionPresent: Bool) -> [Action] {
        guard state == .authenticating else { return [] }
        guard code == .accepted else { return refuse(code) }
        state = .connected
        var actions: [Action] = [.send(.connack(MQTTConnAck(sessionPresent: sessionPresent, returnCode: .accepted)))]
        let queued = queuedBeforeConnAck
        queuedBeforeConnAck = []
        for packet in queued where state == .connected {
            actions += receivedWhileConnected(packet)
        }
        return actions
    }

    private mutating func protocolError(_ error: MQTTProtocolError) -> [Action] {
        if state == .awaitingConnect, let code = error.connectReturnCode {
            state = .closed
            return [.send(.connack(MQTTConnAck(returnCode: code))), .close(.protocolError(error))]
        }
        return close(.protocolError(error))
    }

    private mutating func timerFired(now: NIODeadline) -> [Action] {
        switch state {
        case .closed:
            return []
        case .awaitingConnect:
            guard let deadline = connectDeadline else { return [] }
            return now >= deadline ? close(.connectTimeout) : [.scheduleTimer(at: deadline)]
        case .authenticating, .connected:
            guard let timeout = keepAliveTimeout else { return [] }
            let deadline = lastReceived + timeout
            return now >= deadline ? close(.keepAliveTimeout) : [.scheduleTimer(at: deadline)]
        }
    }

    /// Answers the CONNECT with a refusal and closes; no will, no queued packet is handled.
    private mutating func refuse(_ code: MQTTConnectReturnCode) -> [Action] {
        state = .closed
        will = nil
        queuedBeforeConnAck = []
        return [.send(.connack(MQTTConnAck(returnCode: code))), .close(.connectionRefused(code))]
    }

    /// Moves to closed. With a reason, asks for the close; without one the
    /// network is already gone. Either way an accepted connection that did not
    /// end with DISCONNECT publishes its will.
    private mutating func close(_ reason: CloseReason?) -> [Action] {
        guard state != .closed else { return [] }
        var actions: [Action] = []
        if state == .connected, let will, reason?.isClean != true {
            actions.append(.publishWill(will))
        }
        state = .closed
        will = nil
        queuedBeforeConnAck = []
        inboundAcks.removeAll()
        awaitingRelease = []
        pendingSubscribes = [:]
        pendingUnsubscribes = []
        if let reason { actions.append(.close(reason)) }
        return actions
    }

    // MARK: - Accepted connection

    private mutating func receivedWhileConnected(_ packet: MQTTPacket) -> [Action] {
        switch packet {
        case .connect:
            return close(.duplicateConnect)
        case .publish(let publish):
            return receivedPublish(publish)
        case .puback(let id):
            guard outgoing.stage(of: id) == .awaitingPubAck else { return [] }
            outgoing.remove(id)
            return [.publishAcknowledged(id)]
        case .pubrec(let id):
            switch outgoing.stage(of: id) {
            case .awaitingPubRec, .awaitingPubComp:
                outgoing.track(id, stage: .awaitingPubComp)
                return [.send(.pubrel(id))]
            case .awaitingPubAck, nil:
                return []
            }
        case .pubcomp(let id):
            guard outgoing.stage(of: id) == .awaitingPubComp else { return [] }
            outgoing.remove(id)
            return [.publishAcknowledged(id)]
        case .pubrel(let id):
            // A PUBREL before its PUBREC was sent breaks the QoS 2 flow.
            if inboundAcks.contains(id) { return close(.unexpectedPacket(.pubrel)) }
            awaitingRelease.remove(id)
            return [.send(.pubcomp(id))]
        case .subscribe(let subscribe):
            let maximum = configuration.effectiveMaximumQoS
            let granted = subscribe.subscriptions.map {
                MQTTSubscription(topicFilter: $0.topicFilter, qos: min($0.qos, maximum))
            }
            pendingSubscribes[subscribe.packetID] = granted.count
            return [.subscribe(MQTTSubscribe(packetID: subscribe.packetID, subscriptions: granted))]
        case .unsubscribe(let unsubscribe):
            pendingUnsubscribes.insert(unsubscribe.packetID)
            return [.unsubscribe(unsubscribe)]
        case .pingreq:
            return [.send(.pingresp)]
        case .disconnect:
            return close(.clientDisconnected)
        case .connack, .suback, .unsuback, .pingresp:
            return close(.unexpectedPacket(packet.type))
        }
    }

    private mutating func receivedPublish(_ publish: MQTTPublish) -> [Action] {
        switch (publish.qos, publish.packetID) {
        case (.atMostOnce, _):
            return [.deliver(publish)]
        case (.atLeastOnce, let id?):
            guard !inboundAcks.contains(id) else { return close(.packetIdentifierInUse) }
            inboundAcks.append(id, kind: .pubAck)
            return [.deliver(publish)]
        case (.exactlyOnce, let id?):
            guard configuration.allowQoS2 else { return close(.qos2NotAllowed) }
            if awaitingRelease.contains(id) { return [.send(.pubrec(id))] }  // already committed
            if inboundAcks.contains(id) { return [] }  // re-sent while its commit is pending
            inboundAcks.append(id, kind: .pubRec)
            return [.deliver(publish)]
        case (.atLeastOnce, nil), (.exactlyOnce, nil):
            return close(.protocolError(MQTTProtocolError(.inconsistentPacketIdentifier, packetType: .publish)))
        }
    }

    private mutating func publishCommitted(_ id: MQTTPacketID) -> [Action] {
        guard state == .connected else { return [] }
        return inboundAcks.commit(id).map { entry in
            switch entry.kind {
            case .pubAck:
                return .send(.puback(entry.id))
            case .pubRec:
                awaitingRelease.insert(entry.id)
                return .send(.pubrec(entry.id))
            }
        }
    }

    private mutating func subscribeCompleted(_ id: MQTTPacketID, returnCodes: [MQTTSubAckReturnCode]) -> [Action] {
        guard state == .connected, let count = pendingSubscribes.removeValue(forKey: id) else { return [] }
        let maximum = configuration.effectiveMaximumQoS
        // SUBACK must carry exactly one code per filter: missing codes are failures.
        let codes = (0..<count).map { index -> MQTTSubAckReturnCode in
            guard index < returnCodes.count, case .granted(let qos) = returnCodes[index] else { return .failure }
            return .granted(min(qos, maximum))
        }
        return [.send(.suback(MQTTSubAck(packetID: id, returnCodes: codes)))]
    }

    // MARK: - Server → client messages

    private mutating func publish(_ message: MQTTOutgoingPublish) -> [Action] {
        guard state == .connected else { return [.publishRefused(message, .notConnected)] }
        guard MQTTTopic.isValidName(message.topic) else { return [.publishRefused(message, .invalidTopicName)] }
        let qos = min(message.qos, configuration.allowQoS2 ? .exactlyOnce : .atLeastOnce)
        guard qos != .atMostOnce else {
            let publish = MQTTPublish(retain: message.retain, topic: message.topic, payload: message.payload)
            return [.send(.publish(publish))]
        }
        let id: MQTTPacketID
        if let chosen = message.redeliveryPacketID ?? message.packetID {
            guard chosen.rawValue != 0, outgoing.stage(of: chosen) == nil else {
                return [.publishRefused(message, .packetIdentifierInUse)]
            }
            guard !outgoing.isFull else { return [.publishRefused(message, .noPacketIdentifierAvailable)] }
            id = chosen
        } else {
            guard let allocated = outgoing.allocate() else {
                return [.publishRefused(message, .noPacketIdentifierAvailable)]
            }
            id = allocated
        }
        outgoing.track(id, stage: qos == .atLeastOnce ? .awaitingPubAck : .awaitingPubRec)
        let publish = MQTTPublish(
            dup: message.redeliveryPacketID != nil,
            qos: qos,
            retain: message.retain,
            topic: message.topic,
            packetID: id,
            payload: message.payload
        )
        return [.send(.publish(publish))]
    }
}
