import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT connection: CONNECT, authentication and close")
struct MQTTConnectionLifecycleTests {
    typealias Machine = MQTTConnectionStateMachine

    @Test("the first packet must be CONNECT", arguments: [MQTTPacket.pingreq, .subscribe(MQTTSubscribe(packetID: 1, subscriptions: [MQTTSubscription(topicFilter: "a", qos: .atMostOnce)])), .disconnect, Fixture.publish(nil, qos: .atMostOnce)])
    func closesWhenPacketArrivesBeforeConnect(packet: MQTTPacket) {
        var machine = Machine()
        #expect(machine.receive(packet) == [.close(.firstPacketNotConnect(packet.type))])
        #expect(machine.isClosed)
        #expect(machine.receive(.connect(Fixture.connect())) == [])
    }

    @Test("CONNECT asks the application to authenticate; acceptance sends CONNACK")
    func authenticatesThenAcknowledgesConnect() {
        var machine = Machine()
        let connect = Fixture.connect(keepAlive: 0)
        #expect(machine.receive(.connect(connect)) == [.authenticate(connect)])
        #expect(!machine.isConnected)
        #expect(
            machine.handle(.authenticationCompleted(.accepted, sessionPresent: true))
                == [.send(.connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)))])
        #expect(machine.isConnected)
    }

    @Test("a refused CONNECT gets its CONNACK code, then the connection closes without will")
    func refusesConnectionWithApplicationCode() {
        var machine = Machine()
        _ = machine.receive(.connect(Fixture.connect(will: Fixture.will)))
        #expect(
            machine.handle(.authenticationCompleted(.notAuthorized, sessionPresent: true)) == [
                .send(.connack(MQTTConnAck(sessionPresent: false, returnCode: .notAuthorized))),
                .close(.connectionRefused(.notAuthorized)),
            ])
        #expect(machine.handle(.channelClosed) == [])
    }

    @Test("an empty client id without clean session is refused with CONNACK 0x02")
    func refusesEmptyClientIDWithoutCleanSession() {
        var machine = Machine()
        let connect = MQTTConnect(cleanSession: false, clientID: "")
        #expect(
            machine.receive(.connect(connect)) == [
                .send(.connack(MQTTConnAck(returnCode: .identifierRejected))),
                .close(.connectionRefused(.identifierRejected)),
            ])
    }

    @Test("a second CONNECT closes the connection, before or after acceptance")
    func closesOnSecondConnect() {
        var authenticating = Machine()
        _ = authenticating.receive(.connect(Fixture.connect()))
        #expect(authenticating.receive(.connect(Fixture.connect())) == [.close(.duplicateConnect)])

        var connected = Machine.connected(will: Fixture.will)
        #expect(connected.receive(.connect(Fixture.connect())) == [.publishWill(Fixture.will), .close(.duplicateConnect)])
    }

    @Test("packets sent before CONNACK are queued and handled after acceptance, in order")
    func queuesPacketsUntilAuthenticationCompletes() {
        var machine = Machine()
        _ = machine.receive(.connect(Fixture.connect(keepAlive: 0)))
        #expect(machine.receive(.pingreq) == [])
        #expect(machine.receive(Fixture.publish(7)) == [])
        let publish = MQTTPublish(qos: .atLeastOnce, topic: "devices/d1/messages/events/", packetID: 7, payload: .text("{}"))
        #expect(
            machine.handle(.authenticationCompleted(.accepted, sessionPresent: false)) == [
                .send(.connack(MQTTConnAck(returnCode: .accepted))),
                .send(.pingresp),
                .deliver(publish),
            ])
    }

    @Test("packets queued before a refusal are discarded")
    func discardsQueuedPacketsWhenRefused() {
        var machine = Machine()
        _ = machine.receive(.connect(Fixture.connect()))
        _ = machine.receive(Fixture.publish(1))
        let actions = machine.handle(.authenticationCompleted(.badUsernameOrPassword, sessionPresent: false))
        #expect(!actions.contains { if case .deliver = $0 { true } else { false } })
    }

    @Test("too many packets before CONNACK close the connection")
    func closesWhenTooManyPacketsArriveBeforeConnAck() {
        var machine = Machine(configuration: .init(maximumQueuedPacketsBeforeConnAck: 2))
        _ = machine.receive(.connect(Fixture.connect()))
        #expect(machine.receive(.pingreq) == [])
        #expect(machine.receive(.pingreq) == [])
        #expect(machine.receive(.pingreq) == [.close(.tooManyPacketsBeforeConnAck)])
    }

    @Test("a CONNECT of another MQTT version gets CONNACK 0x01 before the close")
    func answersUnsupportedProtocolVersionWithConnAck() {
        var machine = Machine()
        let error = MQTTProtocolError(.unsupportedProtocolLevel, packetType: .connect)
        #expect(
            machine.handle(.protocolError(error)) == [
                .send(.connack(MQTTConnAck(returnCode: .unacceptableProtocolVersion))), .close(.protocolError(error)),
            ])
    }

    @Test("other protocol errors close without CONNACK, publishing the will of an accepted connection")
    func closesOnProtocolError() {
        var machine = Machine.connected(will: Fixture.will)
        let error = MQTTProtocolError(.invalidTopicName, packetType: .publish)
        #expect(machine.handle(.protocolError(error)) == [.publishWill(Fixture.will), .close(.protocolError(error))])
        #expect(machine.handle(.channelClosed) == [], "the will is published once")
    }

    @Test("DISCONNECT closes cleanly and discards the will")
    func disconnectClosesCleanlyAndDiscardsWill() {
        var machine = Machine.connected(will: Fixture.will)
        #expect(machine.receive(.disconnect) == [.close(.clientDisconnected)])
        #expect(machine.handle(.channelClosed) == [])
    }

    @Test("a connection lost without DISCONNECT publishes the will")
    func publishesWillWhenConnectionDrops() {
        var machine = Machine.connected(will: Fixture.will)
        #expect(machine.handle(.channelClosed) == [.publishWill(Fixture.will)])
    }

    @Test("PINGREQ is answered with PINGRESP")
    func answersPingRequest() {
        var machine = Machine.connected()
        #expect(machine.receive(.pingreq) == [.send(.pingresp)])
    }

    @Test("packets only a server sends close the connection", arguments: [MQTTPacket.connack(MQTTConnAck(returnCode: .accepted)), .suback(MQTTSubAck(packetID: 1, returnCodes: [.failure])), .unsuback(1), .pingresp])
    func closesOnServerOnlyPackets(packet: MQTTPacket) {
        var machine = Machine.connected()
        #expect(machine.receive(packet) == [.close(.unexpectedPacket(packet.type))])
    }
}
