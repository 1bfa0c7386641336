import NIOCore
import VigilMQTT

/// Times, packets and a few steps shared by the state machine tests.
enum Fixture {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    static func at(seconds: Double) -> NIODeadline {
        start + .nanoseconds(Int64(seconds * 1_000_000_000))
    }

    static let will = MQTTWill(topic: "devices/d1/status", message: .text("offline"))

    static func connect(keepAlive: UInt16 = 60, will: MQTTWill? = nil, cleanSession: Bool = false) -> MQTTConnect {
        MQTTConnect(cleanSession: cleanSession, keepAlive: keepAlive, clientID: "d1", will: will, username: "hub/d1")
    }

    static func publish(_ id: MQTTPacketID?, qos: MQTTQoS = .atLeastOnce, topic: String = "devices/d1/messages/events/")
        -> MQTTPacket
    {
        .publish(MQTTPublish(qos: qos, topic: topic, packetID: id, payload: .text("{}")))
    }
}

extension MQTTConnectionStateMachine {
    /// A machine past an accepted CONNECT.
    static func connected(
        configuration: Configuration = Configuration(),
        keepAlive: UInt16 = 60,
        will: MQTTWill? = nil
    ) -> MQTTConnectionStateMachine {
        var machine = MQTTConnectionStateMachine(configuration: configuration)
        _ = machine.handle(.channelActive(now: Fixture.start))
        _ = machine.handle(.received(.connect(Fixture.connect(keepAlive: keepAlive, will: will)), now: Fixture.start))
        _ = machine.handle(.authenticationCompleted(.accepted, sessionPresent: false))
        return machine
    }

    /// Handles a received packet at `seconds` after the fixture's start.
    mutating func receive(_ packet: MQTTPacket, atSeconds seconds: Double = 1) -> [Action] {
        handle(.received(packet, now: Fixture.at(seconds: seconds)))
    }
}
