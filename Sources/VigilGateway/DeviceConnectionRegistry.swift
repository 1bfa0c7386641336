import Foundation
import Metrics
import VigilCore

/// The devices connected to this node over MQTT, one connection per device:
/// a new connection for a device drops the one before it, as IoT Hub does.
///
/// The REST API reaches connected devices through it (direct methods,
/// desired-property pushes, cloud-to-device messages). It knows only this
/// node's connections.
public actor DeviceConnectionRegistry {
    /// What registering a new connection did.
    enum Registration {
        /// Registered; `replaced` is the device's earlier connection, to be closed.
        case registered(replaced: IoTHubConnection?)
        /// The server is shutting down; refuse the connection.
        case shuttingDown
    }

    private var connections: [DeviceID: IoTHubConnection] = [:]
    private var isShuttingDown = false
    /// `vigil_mqtt_connected_devices`: devices connected to this node.
    private let connectedGauge: Gauge

    /// An empty registry.
    ///
    /// - Parameter metrics: where the connected-devices gauge goes. Default: nowhere.
    public init(metrics: any MetricsFactory = NOOPMetricsHandler.instance) {
        connectedGauge = Gauge(label: "vigil_mqtt_connected_devices", factory: metrics)
        connectedGauge.record(0)
    }

    /// How many devices are connected to this node.
    public var connectedCount: Int { connections.count }

    /// Whether a device is connected to this node.
    public func isConnected(_ device: DeviceID) -> Bool {
        connections[device] != nil
    }

    /// Calls a direct method on a connected device and waits for its answer.
    ///
    /// - Parameter payload: the JSON request body.
    /// - Throws: ``DirectMethodError``.
    public func invokeMethod(
        on device: DeviceID, name: String, payload: Data, timeout: Duration
    ) async throws -> DirectMethodResult {
        guard let connection = connections[device] else { throw DirectMethodError(.deviceOffline) }
        return try await connection.invokeMethod(name: name, payload: payload, timeout: timeout)
    }

    /// Sends a desired-property patch to the device if it is connected and subscribed.
    ///
    /// - Returns: whether it was sent.
    @discardableResult
    public func pushDesiredProperties(to device: DeviceID, patch: [String: AnyJSON], version: Int64) async -> Bool {
        guard let connection = connections[device],
            let body = try? DeviceTwins.patchDocument(patch, version: version)
        else { return false }
        return await connection.publish(
            topic: IoTHubTopic.desiredPropertiesPatch(version: version), payload: body,
            ifSubscribedTo: .desiredProperties)
    }

    /// Tells the device's connection, if any, that a cloud-to-device message is queued.
    public func cloudMessageQueued(for device: DeviceID) async {
        await connections[device]?.deliverCloudMessages()
    }

    /// Makes `connection` the device's connection.
    func register(_ connection: IoTHubConnection) -> Registration {
        guard !isShuttingDown else { return .shuttingDown }
        let replaced = connections.updateValue(connection, forKey: connection.deviceID)
        connectedGauge.record(connections.count)
        return .registered(replaced: replaced)
    }

    /// Forgets `connection` if it is still its device's connection; returns whether it was.
    @discardableResult
    func unregister(_ connection: IoTHubConnection) -> Bool {
        guard connections[connection.deviceID] === connection else { return false }
        connections[connection.deviceID] = nil
        connectedGauge.record(connections.count)
        return true
    }

    /// Refuses new connections, then drains every connection: device
    /// messages in flight are committed and acknowledged, then it is closed.
    func shutDown() async {
        isShuttingDown = true
        await withTaskGroup(of: Void.self) { group in
            for connection in connections.values {
                group.addTask { await connection.drain() }
            }
        }
    }
}
