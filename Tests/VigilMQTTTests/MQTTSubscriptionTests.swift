import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT connection: SUBSCRIBE and UNSUBSCRIBE")
struct MQTTSubscriptionTests {
    typealias Machine = MQTTConnectionStateMachine

    private static let request = MQTTSubscribe(
        packetID: 3,
        subscriptions: [
            MQTTSubscription(topicFilter: "$iothub/methods/POST/#", qos: .exactlyOnce),
            MQTTSubscription(topicFilter: "$iothub/twin/res/#", qos: .atMostOnce),
        ])

    @Test("requested QoS 2 is granted as QoS 1")
    func downgradesSubscribeQoS2ToQoS1() {
        var machine = Machine.connected()
        let granted = MQTTSubscribe(
            packetID: 3,
            subscriptions: [
                MQTTSubscription(topicFilter: "$iothub/methods/POST/#", qos: .atLeastOnce),
                MQTTSubscription(topicFilter: "$iothub/twin/res/#", qos: .atMostOnce),
            ])
        #expect(machine.receive(.subscribe(Self.request)) == [.subscribe(granted)])
        #expect(
            machine.handle(.subscribeCompleted(3, returnCodes: [.granted(.exactlyOnce), .granted(.atMostOnce)]))
                == [.send(.suback(MQTTSubAck(packetID: 3, returnCodes: [.granted(.atLeastOnce), .granted(.atMostOnce)])))],
            "the SUBACK never grants more than the maximum, whatever the application says")
    }

    @Test("QoS 2 is granted when allowed and configured")
    func grantsQoS2WhenAllowed() {
        var machine = Machine.connected(configuration: .init(allowQoS2: true, maximumSubscriptionQoS: .exactlyOnce))
        #expect(machine.receive(.subscribe(Self.request)) == [.subscribe(Self.request)])
    }

    @Test("SUBACK carries one code per filter; missing codes are failures")
    func subAckHasOneCodePerFilter() {
        var machine = Machine.connected()
        _ = machine.receive(.subscribe(Self.request))
        #expect(
            machine.handle(.subscribeCompleted(3, returnCodes: [.failure]))
                == [.send(.suback(MQTTSubAck(packetID: 3, returnCodes: [.failure, .failure])))])
        #expect(machine.handle(.subscribeCompleted(3, returnCodes: [.failure])) == [], "answered once")
    }

    @Test("UNSUBACK is sent once the application has unsubscribed")
    func acknowledgesUnsubscribeAfterApplication() {
        var machine = Machine.connected()
        let request = MQTTUnsubscribe(packetID: 4, topicFilters: ["$iothub/twin/res/#"])
        #expect(machine.receive(.unsubscribe(request)) == [.unsubscribe(request)])
        #expect(machine.handle(.unsubscribeCompleted(4)) == [.send(.unsuback(4))])
        #expect(machine.handle(.unsubscribeCompleted(4)) == [])
    }
}
