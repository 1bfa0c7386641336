import NIOCore
import VigilMQTT

/// What one load-generator connection sends as one device, the same bytes to
/// Vigil and to mosquitto: IoT Hub's CONNECT (client id = device id, user
/// name `{host}/{deviceId}/?api-version=…`, SAS token as password) and its
/// telemetry PUBLISH.
struct MQTTDevice: Sendable {
    /// Vigil's `--host-name`, which ``VigilServerProcess`` leaves at its default.
    static let hostName = "localhost"

    /// The CONNECT: clean session, keep-alive off (the connections must stay
    /// up while idle without pings).
    let connect: MQTTConnect
    /// `devices/{deviceId}/messages/events/`.
    let topic: String
    /// The telemetry body, sent again with every publish.
    let body: ByteBuffer

    /// The device `device` sending `body`.
    init(_ device: BenchDevice, body: String) {
        connect = MQTTConnect(
            cleanSession: true, keepAlive: 0, clientID: device.id,
            username: "\(Self.hostName)/\(device.id)/?api-version=2021-04-12",
            password: ByteBuffer(string: device.token))
        topic = "devices/\(device.id)/messages/events/"
        self.body = ByteBuffer(string: body)
    }
}
