import NIOCore
import Testing
import VigilCore
import VigilGateway
import VigilMQTT

@Suite("IoT Hub CONNECT credentials")
struct IoTHubConnectCredentialsTests {
    static let token = "SharedAccessSignature sr=hub.example%2Fdevices%2Fcuff-1&sig=abc&se=1"

    static func connect(clientID: String = "cuff-1", username: String?, password: String? = token) -> MQTTConnect {
        MQTTConnect(
            cleanSession: false, keepAlive: 60, clientID: clientID, username: username,
            password: password.map { ByteBuffer(string: $0) })
    }

    @Test func readsTheSDKsUserNameAndPassword() throws {
        let credentials = try IoTHubConnectCredentials(
            connect: Self.connect(
                username: "hub.example/cuff-1/?api-version=2019-10-01&DeviceClientType=azure-iot-device%2F2.14.0"),
            hostName: "hub.example")
        #expect(credentials.deviceID == DeviceID("cuff-1"))
        #expect(credentials.moduleID == nil)
        #expect(credentials.token == Self.token)
    }

    @Test(arguments: [
        "HUB.example/cuff-1/?api-version=2021-04-12", "hub.example/cuff-1/api-version=2016-11-14",
        "hub.example/cuff-1", "hub.example/cuff-1/",
    ])
    func acceptsAnyAPIVersionAndHostCase(_ username: String) throws {
        let credentials = try IoTHubConnectCredentials(
            connect: Self.connect(username: username), hostName: "hub.example")
        #expect(credentials.deviceID == DeviceID("cuff-1"))
    }

    @Test func readsAModuleIdentity() throws {
        let credentials = try IoTHubConnectCredentials(
            connect: Self.connect(clientID: "gw/ecg", username: "hub.example/gw/ecg/?api-version=2019-10-01"),
            hostName: "hub.example")
        #expect(credentials.deviceID == DeviceID("gw"))
        #expect(credentials.moduleID == "ecg")
    }

    @Test(arguments: [
        (String?.none, "missing_username"), ("other.example/cuff-1/?api-version=1", "host_mismatch"),
        ("hub.example/cuff-2/?api-version=1", "client_id_mismatch"), ("?api-version=1", "invalid_username"),
        ("hub.example.evil/cuff-1/?api-version=1", "host_mismatch"),
    ])
    func refusesAUserNameForAnotherHubOrClient(username: String?, reason: String) {
        #expect(throws: IoTHubConnectRefusal(.badUsernameOrPassword, reason: reason)) {
            try IoTHubConnectCredentials(connect: Self.connect(username: username), hostName: "hub.example")
        }
    }

    @Test func refusesAMissingPasswordAsBadCredentials() {
        #expect(throws: IoTHubConnectRefusal(.badUsernameOrPassword, reason: "missing_token")) {
            try IoTHubConnectCredentials(
                connect: Self.connect(username: "hub.example/cuff-1/?api-version=1", password: nil),
                hostName: "hub.example")
        }
    }

    @Test(arguments: ["a/b/c", "/m", "d/", String(repeating: "x", count: 129)])
    func refusesAnUnusableClientID(_ clientID: String) {
        #expect(throws: IoTHubConnectRefusal(.identifierRejected, reason: "invalid_client_id")) {
            try IoTHubConnectCredentials(
                connect: Self.connect(clientID: clientID, username: "hub.example/\(clientID)/?api-version=1"),
                hostName: "hub.example")
        }
    }
}
