import Foundation
import NIOCore
import Testing
import VigilCore
import VigilMQTT
import VigilStore

@testable import VigilGateway

@Suite("IoT Hub session")
struct IoTHubSessionTests {
    static let device = DeviceID("cuff-1")
    static let c2dFilter = "devices/cuff-1/messages/devicebound/#"

    static func subscribe(_ filters: [(String, MQTTQoS)]) -> MQTTSubscribe {
        MQTTSubscribe(packetID: 1, subscriptions: filters.map { MQTTSubscription(topicFilter: $0.0, qos: $0.1) })
    }

    static func message(_ id: Int64, properties: [String: String] = [:]) -> CloudMessage {
        CloudMessage(
            id: id, deviceID: device, messageID: "mid-\(id)", payload: Data("body \(id)".utf8), properties: properties,
            contentType: "application/json", enqueuedAt: Date(timeIntervalSince1970: 0),
            expiresAt: Date(timeIntervalSince1970: 3600))
    }

    @Test func grantsIoTHubFiltersAtMostQoS1AndRefusesOthers() {
        var session = IoTHubSession(deviceID: Self.device)
        let codes = session.subscribe(
            Self.subscribe([
                ("$iothub/twin/res/#", .atLeastOnce), ("$iothub/methods/POST/#", .atMostOnce),
                ("devices/other/messages/devicebound/#", .atLeastOnce), ("#", .atLeastOnce),
            ]))
        #expect(codes == [.granted(.atLeastOnce), .granted(.atMostOnce), .failure, .failure])
        #expect(session.isSubscribed(to: .twinResponses))
        #expect(session.isSubscribed(to: .methods))
        #expect(!session.isSubscribed(to: .cloudToDevice))
        session.unsubscribe(["$iothub/methods/POST/#", "unknown/#"])
        #expect(!session.isSubscribed(to: .methods))
    }

    @Test func storedSubscriptionsRoundTripThroughAPersistentSession() {
        var session = IoTHubSession(deviceID: Self.device)
        _ = session.subscribe(Self.subscribe([(Self.c2dFilter, .atLeastOnce), ("$iothub/twin/res/#", .atMostOnce)]))
        let stored = DeviceSession(deviceID: Self.device, subscriptions: session.storedSubscriptions, updatedAt: Date())
        let resumed = IoTHubSession(deviceID: Self.device, restoring: stored.subscriptions)
        #expect(resumed.subscriptions == [.cloudToDevice: .atLeastOnce, .twinResponses: .atMostOnce])
        let ignored = IoTHubSession(
            deviceID: Self.device, restoring: [.init(topicFilter: "devices/x/messages/devicebound/#", qos: 1)])
        #expect(ignored.subscriptions.isEmpty)
    }

    @Test func deliversNothingBeforeTheDeviceSubscribesToCloudMessages() {
        var session = IoTHubSession(deviceID: Self.device)
        #expect(session.deliveries(of: [Self.message(1)]).isEmpty)
    }

    @Test func deliversEachMessageOnceAtQoS1WithItsPropertiesAndPairsThePubAck() throws {
        var session = IoTHubSession(deviceID: Self.device)
        _ = session.subscribe(Self.subscribe([(Self.c2dFilter, .atLeastOnce)]))
        let first = session.deliveries(of: [Self.message(10, properties: ["colour": "red"]), Self.message(11)])
        #expect(first.map(\.messageID) == [10, 11])
        #expect(first.map(\.publish.packetID) == [1, 2])
        #expect(first.allSatisfy { $0.publish.qos == .atLeastOnce && !$0.isDeliveredWhenSent })
        let topic = first[0].publish.topic
        #expect(topic.hasPrefix("devices/cuff-1/messages/devicebound/"))
        let bag = try #require(
            IoTHubPropertyBag(parsing: topic.dropFirst("devices/cuff-1/messages/devicebound/".count)))
        #expect(bag.messageID == "mid-10")
        #expect(bag.contentType == "application/json")
        #expect(bag.values["colour"] == "red")

        #expect(session.deliveries(of: [Self.message(10), Self.message(11)]).isEmpty, "already in flight")
        #expect(session.acknowledged(2) == 11)
        #expect(session.acknowledged(2) == nil)
        #expect(session.deliveries(of: [Self.message(10), Self.message(12)]).map(\.messageID) == [12])
    }

    @Test func qos0SubscriptionsTakeNoIdentifier() {
        var session = IoTHubSession(deviceID: Self.device)
        _ = session.subscribe(Self.subscribe([(Self.c2dFilter, .atMostOnce)]))
        let deliveries = session.deliveries(of: [Self.message(1)])
        #expect(deliveries.count == 1)
        #expect(deliveries[0].publish.packetID == nil)
        #expect(deliveries[0].isDeliveredWhenSent)
    }

    @Test func theInFlightWindowIsBounded() {
        var session = IoTHubSession(deviceID: Self.device)
        _ = session.subscribe(Self.subscribe([(Self.c2dFilter, .atLeastOnce)]))
        let many = (1...40).map { Self.message(Int64($0)) }
        let sent = session.deliveries(of: many)
        #expect(sent.count == IoTHubSession.maximumCloudMessagesInFlight)
        session.refused(sent[0].publish)
        #expect(session.deliveries(of: many).map(\.messageID) == [1])
    }

    @Test func requestIDsAreUniquePerConnection() {
        var session = IoTHubSession(deviceID: Self.device, requestPrefix: "p-")
        let ids = (0..<100).map { _ in session.nextRequestID() }
        #expect(Set(ids).count == 100)
        #expect(ids.first == "p-1")
    }
}
