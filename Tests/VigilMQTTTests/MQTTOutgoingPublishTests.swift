import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT connection: server PUBLISH")
struct MQTTOutgoingPublishTests {
    typealias Machine = MQTTConnectionStateMachine

    private static func message(qos: MQTTQoS = .atLeastOnce, redelivery: MQTTPacketID? = nil) -> MQTTOutgoingPublish {
        MQTTOutgoingPublish(
            topic: "devices/d1/messages/devicebound/", payload: .text("c2d"), qos: qos, redeliveryPacketID: redelivery)
    }

    private static func sent(_ id: MQTTPacketID?, qos: MQTTQoS = .atLeastOnce, dup: Bool = false) -> Machine.Action {
        .send(.publish(MQTTPublish(dup: dup, qos: qos, topic: "devices/d1/messages/devicebound/", packetID: id, payload: .text("c2d"))))
    }

    @Test("QoS 1 messages get fresh identifiers and are reported when the client acknowledges")
    func allocatesPacketIDsAndReportsPubAck() {
        var machine = Machine.connected()
        #expect(machine.handle(.publish(Self.message())) == [Self.sent(1)])
        #expect(machine.handle(.publish(Self.message())) == [Self.sent(2)])
        #expect(machine.inFlightPublishCount == 2)
        #expect(machine.receive(.puback(2)) == [.publishAcknowledged(2)])
        #expect(machine.receive(.puback(2)) == [], "a duplicate PUBACK is ignored")
        #expect(machine.inFlightPublishCount == 1)
    }

    @Test("QoS 0 messages take no identifier")
    func sendsQoS0WithoutPacketID() {
        var machine = Machine.connected()
        #expect(machine.handle(.publish(Self.message(qos: .atMostOnce))) == [Self.sent(nil, qos: .atMostOnce)])
        #expect(machine.inFlightPublishCount == 0)
    }

    @Test("QoS 2 messages go out at QoS 1 unless QoS 2 is allowed")
    func lowersOutgoingQoS2() {
        var machine = Machine.connected()
        #expect(machine.handle(.publish(Self.message(qos: .exactlyOnce))) == [Self.sent(1)])
    }

    @Test("QoS 2 messages, when allowed, complete through PUBREC, PUBREL and PUBCOMP")
    func completesOutgoingQoS2Flow() {
        var machine = Machine.connected(configuration: .init(allowQoS2: true))
        #expect(machine.handle(.publish(Self.message(qos: .exactlyOnce))) == [Self.sent(1, qos: .exactlyOnce)])
        #expect(machine.receive(.puback(1)) == [], "PUBACK does not complete QoS 2")
        #expect(machine.receive(.pubrec(1)) == [.send(.pubrel(1))])
        #expect(machine.receive(.pubcomp(1)) == [.publishAcknowledged(1)])
    }

    @Test("a full in-flight window refuses further messages")
    func refusesPublishWhenWindowIsFull() {
        var machine = Machine.connected(configuration: .init(maximumInFlightPublishes: 2))
        _ = machine.handle(.publish(Self.message()))
        _ = machine.handle(.publish(Self.message()))
        #expect(machine.handle(.publish(Self.message())) == [.publishRefused(Self.message(), .noPacketIdentifierAvailable)])
        _ = machine.receive(.puback(1))
        #expect(machine.handle(.publish(Self.message())) == [Self.sent(3)])
    }

    @Test("a re-delivery keeps its identifier and sets DUP")
    func redeliversWithOriginalPacketIDAndDup() {
        var machine = Machine.connected()
        #expect(machine.handle(.publish(Self.message(redelivery: 77))) == [Self.sent(77, dup: true)])
        #expect(machine.handle(.publish(Self.message(redelivery: 77))) == [.publishRefused(Self.message(redelivery: 77), .packetIdentifierInUse)])
        #expect(machine.receive(.puback(77)) == [.publishAcknowledged(77)])
    }

    @Test("a new message may carry an identifier the application chose, without DUP")
    func sendsWithChosenPacketID() {
        var machine = Machine.connected()
        var chosen = Self.message()
        chosen.packetID = 500
        #expect(machine.handle(.publish(chosen)) == [Self.sent(500)])
        #expect(machine.handle(.publish(chosen)) == [.publishRefused(chosen, .packetIdentifierInUse)])
        #expect(machine.handle(.publish(Self.message())) == [Self.sent(1)], "allocation goes on as before")
        #expect(machine.receive(.puback(500)) == [.publishAcknowledged(500)])
        #expect(machine.handle(.publish(chosen)) == [Self.sent(500)], "free again once acknowledged")
    }

    @Test("nothing is published before CONNACK or to an invalid topic")
    func refusesPublishWhenNotConnectedOrInvalid() {
        var machine = Machine()
        #expect(machine.handle(.publish(Self.message())) == [.publishRefused(Self.message(), .notConnected)])
        var connected = Machine.connected()
        let wildcard = MQTTOutgoingPublish(topic: "a/#", payload: ByteBuffer())
        #expect(connected.handle(.publish(wildcard)) == [.publishRefused(wildcard, .invalidTopicName)])
    }
}
