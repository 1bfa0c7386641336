import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT connection: client PUBLISH")
struct MQTTInboundPublishTests {
    typealias Machine = MQTTConnectionStateMachine

    private func delivered(_ packet: MQTTPacket) -> MQTTConnectionStateMachine.Action {
        guard case .publish(let publish) = packet else { preconditionFailure("not a PUBLISH") }
        return .deliver(publish)
    }

    @Test("QoS 0 is delivered and never acknowledged")
    func deliversQoS0WithoutAcknowledgement() {
        var machine = Machine.connected()
        let packet = Fixture.publish(nil, qos: .atMostOnce)
        #expect(machine.receive(packet) == [delivered(packet)])
        #expect(machine.uncommittedPublishCount == 0)
    }

    @Test("QoS 1 is acknowledged only after the application commits it")
    func acknowledgesQoS1OnlyAfterCommit() {
        var machine = Machine.connected()
        let packet = Fixture.publish(42)
        #expect(machine.receive(packet) == [delivered(packet)], "no PUBACK on receipt")
        #expect(machine.uncommittedPublishCount == 1)
        #expect(machine.handle(.publishCommitted(42)) == [.send(.puback(42))])
        #expect(machine.handle(.publishCommitted(42)) == [], "a second commit sends nothing")
    }

    @Test("PUBACKs leave in the order the PUBLISHes arrived")
    func sendsPubAcksInArrivalOrder() {
        var machine = Machine.connected()
        for id: MQTTPacketID in [1, 2, 3] { _ = machine.receive(Fixture.publish(id)) }
        #expect(machine.handle(.publishCommitted(3)) == [])
        #expect(machine.handle(.publishCommitted(2)) == [])
        #expect(machine.handle(.publishCommitted(1)) == [.send(.puback(1)), .send(.puback(2)), .send(.puback(3))])
    }

    @Test("a commit for an unknown identifier sends nothing")
    func ignoresCommitOfUnknownPublish() {
        var machine = Machine.connected()
        #expect(machine.handle(.publishCommitted(9)) == [])
    }

    @Test("a commit after the connection closed sends nothing")
    func ignoresCommitAfterClose() {
        var machine = Machine.connected()
        _ = machine.receive(Fixture.publish(5))
        _ = machine.handle(.channelClosed)
        #expect(machine.handle(.publishCommitted(5)) == [])
    }

    @Test("reusing the identifier of an unacknowledged PUBLISH closes the connection")
    func closesOnPacketIdentifierReuse() {
        var machine = Machine.connected()
        _ = machine.receive(Fixture.publish(5))
        #expect(machine.receive(Fixture.publish(5)) == [.close(.packetIdentifierInUse)])
    }

    @Test("QoS 2 closes the connection by default, as IoT Hub does")
    func closesOnQoS2ByDefault() {
        var machine = Machine.connected(will: Fixture.will)
        #expect(machine.receive(Fixture.publish(1, qos: .exactlyOnce)) == [.publishWill(Fixture.will), .close(.qos2NotAllowed)])
    }

    @Test("QoS 2, when allowed, is delivered once: PUBREC after commit, PUBCOMP after PUBREL")
    func handlesQoS2FlowWhenAllowed() {
        var machine = Machine.connected(configuration: .init(allowQoS2: true))
        let packet = Fixture.publish(8, qos: .exactlyOnce)
        #expect(machine.receive(packet) == [delivered(packet)])
        #expect(machine.receive(packet) == [], "a re-send before the commit is not delivered again")
        #expect(machine.handle(.publishCommitted(8)) == [.send(.pubrec(8))])
        #expect(machine.receive(packet) == [.send(.pubrec(8))], "a re-send after PUBREC gets PUBREC, not a delivery")
        #expect(machine.receive(.pubrel(8)) == [.send(.pubcomp(8))])
        #expect(machine.receive(packet) == [delivered(packet)], "after PUBCOMP the identifier is free again")
    }

    @Test("PUBREL before the PUBREC went out closes the connection")
    func closesOnEarlyPubRel() {
        var machine = Machine.connected(configuration: .init(allowQoS2: true))
        _ = machine.receive(Fixture.publish(8, qos: .exactlyOnce))
        #expect(machine.receive(.pubrel(8)) == [.close(.unexpectedPacket(.pubrel))])
    }
}
