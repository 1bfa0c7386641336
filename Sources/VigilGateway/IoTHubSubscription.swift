/// The topic filters a device may subscribe to, one per kind of message the hub sends.
public enum IoTHubSubscription: String, Hashable, Sendable, CaseIterable {
    /// `devices/{deviceId}/messages/devicebound/#`: cloud-to-device messages.
    case cloudToDevice
    /// `$iothub/methods/POST/#`: direct method calls.
    case methods
    /// `$iothub/twin/res/#`: answers to twin requests.
    case twinResponses
    /// `$iothub/twin/PATCH/properties/desired/#`: desired-property changes.
    case desiredProperties

    /// What a filter subscribes `deviceID` to; nil for any other filter (refused).
    public init?(filter: String, deviceID: String) {
        switch filter {
        case "devices/\(deviceID)/messages/devicebound/#": self = .cloudToDevice
        case "$iothub/methods/POST/#": self = .methods
        case "$iothub/twin/res/#": self = .twinResponses
        case "$iothub/twin/PATCH/properties/desired/#": self = .desiredProperties
        default: return nil
        }
    }

    /// The filter of this kind for `deviceID`.
    public func filter(deviceID: String) -> String {
        switch self {
        case .cloudToDevice: "devices/\(deviceID)/messages/devicebound/#"
        case .methods: "$iothub/methods/POST/#"
        case .twinResponses: "$iothub/twin/res/#"
        case .desiredProperties: "$iothub/twin/PATCH/properties/desired/#"
        }
    }
}
