import Foundation
import NIOCore
import VigilCore
import VigilMQTT
import VigilStore

/// The IoT Hub state of one device connection, without I/O: what the device
/// subscribed to, which cloud-to-device messages await its PUBACK, and the
/// request ids of direct method calls.
///
/// Server → device QoS 1 messages are only ever cloud-to-device messages, so
/// the session chooses their packet identifiers itself and can tell which
/// stored message a PUBACK acknowledges.
struct IoTHubSession: Sendable {
    /// One cloud-to-device message ready to go out.
    struct CloudDelivery: Sendable, Hashable {
        /// The stored message's id.
        var messageID: Int64
        var publish: MQTTOutgoingPublish
        /// Whether the message is delivered once sent (QoS 0: no PUBACK will come).
        var isDeliveredWhenSent: Bool { publish.qos == .atMostOnce }
    }

    /// How many cloud-to-device messages may await acknowledgement at once.
    static let maximumCloudMessagesInFlight = 16

    let deviceID: DeviceID
    private(set) var subscriptions: [IoTHubSubscription: MQTTQoS] = [:]
    private var cloudInFlight: [MQTTPacketID: Int64] = [:]
    private var lastPacketID: UInt16 = 0
    private var requestCounter: UInt64 = 0
    private let requestPrefix: String

    /// A session for a device, resuming the subscriptions of a stored session.
    init(deviceID: DeviceID, restoring stored: [DeviceSession.Subscription] = [], requestPrefix: String = "") {
        self.deviceID = deviceID
        self.requestPrefix = requestPrefix
        for subscription in stored {
            guard let kind = IoTHubSubscription(filter: subscription.topicFilter, deviceID: deviceID.rawValue),
                let qos = MQTTQoS(rawValue: UInt8(clamping: subscription.qos))
            else { continue }
            subscriptions[kind] = min(qos, .atLeastOnce)
        }
    }

    /// Whether the device receives this kind of message.
    func isSubscribed(to kind: IoTHubSubscription) -> Bool {
        subscriptions[kind] != nil
    }

    /// The subscriptions to keep in a persistent session.
    var storedSubscriptions: [DeviceSession.Subscription] {
        subscriptions.map {
            .init(topicFilter: $0.key.filter(deviceID: deviceID.rawValue), qos: Int($0.value.rawValue))
        }
    }

    /// Applies a SUBSCRIBE (QoS already lowered by the MQTT layer); filters
    /// that are not IoT Hub's are refused.
    mutating func subscribe(_ request: MQTTSubscribe) -> [MQTTSubAckReturnCode] {
        request.subscriptions.map { subscription in
            guard let kind = IoTHubSubscription(filter: subscription.topicFilter, deviceID: deviceID.rawValue) else {
                return .failure
            }
            let qos = min(subscription.qos, .atLeastOnce)
            subscriptions[kind] = qos
            return .granted(qos)
        }
    }

    /// Applies an UNSUBSCRIBE; unknown filters are ignored.
    mutating func unsubscribe(_ filters: [String]) {
        for filter in filters {
            guard let kind = IoTHubSubscription(filter: filter, deviceID: deviceID.rawValue) else { continue }
            subscriptions[kind] = nil
        }
    }

    // MARK: - Cloud-to-device messages

    /// The publishes for those of `messages` (oldest first) not yet in flight,
    /// while the window has room; none unless subscribed.
    mutating func deliveries(of messages: [CloudMessage]) -> [CloudDelivery] {
        guard let qos = subscriptions[.cloudToDevice] else { return [] }
        let inFlight = Set(cloudInFlight.values)
        var deliveries: [CloudDelivery] = []
        for message in messages where !inFlight.contains(message.id) {
            var publish = MQTTOutgoingPublish(
                topic: IoTHubTopic.cloudToDevice(deviceID: deviceID.rawValue, properties: Self.properties(of: message)),
                payload: ByteBuffer(bytes: message.payload), qos: qos)
            if qos == .atLeastOnce {
                guard cloudInFlight.count < Self.maximumCloudMessagesInFlight, let id = allocatePacketID() else {
                    break
                }
                publish.packetID = id
                cloudInFlight[id] = message.id
            }
            deliveries.append(CloudDelivery(messageID: message.id, publish: publish))
        }
        return deliveries
    }

    /// The stored message a PUBACK acknowledged, if it was one of ours.
    mutating func acknowledged(_ id: MQTTPacketID) -> Int64? {
        cloudInFlight.removeValue(forKey: id)
    }

    /// Frees the identifier of a publish the MQTT layer did not send.
    mutating func refused(_ publish: MQTTOutgoingPublish) {
        if let id = publish.packetID { cloudInFlight[id] = nil }
    }

    /// How many cloud-to-device messages await acknowledgement.
    var cloudMessagesInFlight: Int { cloudInFlight.count }

    /// `$.mid`, `$.to`, `$.ct` and the application properties.
    static func properties(of message: CloudMessage) -> IoTHubPropertyBag {
        var values = message.properties.filter { !$0.key.hasPrefix("$") }
        values[IoTHubPropertyBag.messageIDKey] = message.messageID
        values["$.to"] = "/devices/\(message.deviceID.rawValue)/messages/deviceBound"
        if let contentType = message.contentType { values[IoTHubPropertyBag.contentTypeKey] = contentType }
        return IoTHubPropertyBag(values)
    }

    private mutating func allocatePacketID() -> MQTTPacketID? {
        for _ in 0..<UInt16.max {
            lastPacketID = lastPacketID == UInt16.max ? 1 : lastPacketID + 1
            let id = MQTTPacketID(lastPacketID)
            if cloudInFlight[id] == nil { return id }
        }
        return nil
    }

    // MARK: - Direct methods

    /// A request id for a direct method call, unique on this connection.
    mutating func nextRequestID() -> String {
        requestCounter += 1
        return requestPrefix + String(requestCounter, radix: 16)
    }
}
