import Foundation
import VigilCore
import VigilMQTT
import VigilSecurity
import VigilStore

extension IoTHubGateway {
    /// Checks a CONNECT exactly as the HTTPS endpoint checks a request: the
    /// same SAS verification against the device's keys. Refusals are audited
    /// as `device.connect` with a reason, never the token.
    ///
    /// - Returns: the device and when its token expires, or the refusal to answer with.
    func authenticate(_ connect: MQTTConnect, source: String?) async -> Result<(Device, Date), IoTHubConnectRefusal> {
        let receivedAt = now()
        let credentials: IoTHubConnectCredentials
        do {
            credentials = try IoTHubConnectCredentials(connect: connect, hostName: configuration.hostName)
        } catch {
            await audit(refusal: error, device: nil, patient: nil, source: source, at: receivedAt)
            return .failure(error)
        }
        guard credentials.moduleID == nil else {
            let refusal = IoTHubConnectRefusal(.notAuthorized, reason: "module_identity_unsupported")
            await audit(refusal: refusal, device: credentials.deviceID, patient: nil, source: source, at: receivedAt)
            return .failure(refusal)
        }
        let verdict: DeviceAuthenticator.Verdict
        do {
            verdict = try await authenticator.authenticate(
                deviceID: credentials.deviceID, token: credentials.token, now: receivedAt)
        } catch {
            logger.error(
                "Device authentication failed",
                metadata: ["device": "\(credentials.deviceID)", "error": "\(String(describing: type(of: error)))"])
            return .failure(IoTHubConnectRefusal(.serverUnavailable, reason: "authentication_unavailable"))
        }
        switch verdict {
        case .refused(let reason):
            let refusal = IoTHubConnectRefusal(.badUsernameOrPassword, reason: reason)
            await audit(refusal: refusal, device: credentials.deviceID, patient: nil, source: source, at: receivedAt)
            return .failure(refusal)
        case .disabled(let device):
            let refusal = IoTHubConnectRefusal(.notAuthorized, reason: "device_disabled")
            await audit(refusal: refusal, device: device.id, patient: device.patientID, source: source, at: receivedAt)
            return .failure(refusal)
        case .authenticated(let device):
            // The verifier accepted the token, so it parses.
            let expiry = (try? SASToken(parsing: credentials.token))?.expiryDate ?? receivedAt
            return .success((device, expiry))
        }
    }

    private func audit(
        refusal: IoTHubConnectRefusal, device: DeviceID?, patient: PatientID?, source: String?, at time: Date
    ) async {
        logger.notice(
            "Refused an MQTT connection",
            metadata: ["device": "\(device?.rawValue ?? "-")", "reason": "\(refusal.reason)"])
        var detail = "reason=\(refusal.reason) transport=mqtt"
        if let device { detail = "device=\(device) " + detail }
        do {
            try await store.audit.append(
                AuditEntry(
                    time: time, action: "device.connect", patientID: patient, outcome: .denied, sourceAddress: source,
                    detail: detail))
        } catch {
            logger.error(
                "Could not audit a refused connection", metadata: ["error": "\(String(describing: type(of: error)))"])
        }
    }
}
