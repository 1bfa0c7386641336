/// One return code of a SUBACK packet: the QoS granted, or failure.
public enum MQTTSubAckReturnCode: Hashable, Sendable, CustomStringConvertible {
    /// The subscription was accepted with this maximum QoS.
    case granted(MQTTQoS)
    /// 0x80: the subscription was refused.
    case failure

    /// The wire value: 0, 1, 2 or 0x80.
    public var rawValue: UInt8 {
        switch self {
        case .granted(let qos): qos.rawValue
        case .failure: 0x80
        }
    }

    /// Reads a wire value; `nil` for anything but 0, 1, 2 and 0x80.
    public init?(rawValue: UInt8) {
        if rawValue == 0x80 {
            self = .failure
        } else if let qos = MQTTQoS(rawValue: rawValue) {
            self = .granted(qos)
        } else {
            return nil
        }
    }

    /// `granted QoS n` or `failure`.
    public var description: String {
        switch self {
        case .granted(let qos): "granted \(qos)"
        case .failure: "failure"
        }
    }
}
