/// The MQTT topics of IoT Hub's device protocol: what a device publishes
/// (parsed into ``Inbound``) and what the hub publishes to it (formatted).
///
/// Device ids appear in topics as they are (IoT Hub does not encode them);
/// request ids, method names and property bags are percent-decoded.
public enum IoTHubTopic {
    /// A topic a device may publish to.
    public enum Inbound: Hashable, Sendable {
        /// `devices/{deviceId}/messages/events/{property bag}` (or with
        /// `/modules/{moduleId}` after the device id).
        case telemetry(deviceID: String, moduleID: String?, properties: IoTHubPropertyBag)
        /// `$iothub/twin/GET/?$rid={rid}`: read the whole twin.
        case twinGet(requestID: String)
        /// `$iothub/twin/PATCH/properties/reported/?$rid={rid}`: merge the body into the reported properties.
        case reportedPropertiesPatch(requestID: String)
        /// `$iothub/methods/res/{status}/?$rid={rid}`: the answer to a direct method call.
        case methodResponse(status: Int, requestID: String)
    }

    /// Reads a topic a device published to; nil for any topic a device may not publish to.
    public static func parse(_ topic: String) -> Inbound? {
        if topic.hasPrefix("$iothub/") { return parseHubTopic(topic) }
        return parseTelemetry(topic)
    }

    private static func parseTelemetry(_ topic: String) -> Inbound? {
        guard topic.hasPrefix("devices/") else { return nil }
        let rest = topic.dropFirst("devices/".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let deviceID = String(rest[..<slash])
        var tail = rest[rest.index(after: slash)...]
        var moduleID: String?
        if tail.hasPrefix("modules/") {
            let afterModules = tail.dropFirst("modules/".count)
            guard let end = afterModules.firstIndex(of: "/") else { return nil }
            moduleID = String(afterModules[..<end])
            guard !moduleID!.isEmpty else { return nil }
            tail = afterModules[afterModules.index(after: end)...]
        }
        let events = "messages/events"
        guard !deviceID.isEmpty, tail.hasPrefix(events) else { return nil }
        var bag = tail.dropFirst(events.count)
        if !bag.isEmpty {
            // Property values keep `/` raw (the SDK's quote leaves it), so all of the rest is the bag.
            guard bag.first == "/" else { return nil }
            bag = bag.dropFirst()
        }
        guard let properties = IoTHubPropertyBag(parsing: bag) else { return nil }
        return .telemetry(deviceID: deviceID, moduleID: moduleID, properties: properties)
    }

    private static func parseHubTopic(_ topic: String) -> Inbound? {
        guard let question = topic.firstIndex(of: "?") else { return nil }
        let path = topic[..<question]
        guard let query = IoTHubPropertyBag(parsing: topic[topic.index(after: question)...]),
            let requestID = query.values["$rid"], !requestID.isEmpty
        else { return nil }
        switch path {
        case "$iothub/twin/GET/":
            return .twinGet(requestID: requestID)
        case "$iothub/twin/PATCH/properties/reported/":
            return .reportedPropertiesPatch(requestID: requestID)
        default:
            let prefix = "$iothub/methods/res/"
            guard path.hasPrefix(prefix), path.hasSuffix("/") else { return nil }
            let statusText = path.dropFirst(prefix.count).dropLast()
            guard let status = Int(statusText), (0...999).contains(status) else { return nil }
            return .methodResponse(status: status, requestID: requestID)
        }
    }

    // MARK: - Hub → device

    /// `$iothub/twin/res/{status}/?$rid={rid}[&$version={version}]`.
    public static func twinResponse(status: Int, requestID: String, version: Int64? = nil) -> String {
        var topic = "$iothub/twin/res/\(status)/?$rid=\(IoTHubPropertyBag.encode(requestID))"
        if let version { topic += "&$version=\(version)" }
        return topic
    }

    /// `$iothub/twin/PATCH/properties/desired/?$version={version}`.
    public static func desiredPropertiesPatch(version: Int64) -> String {
        "$iothub/twin/PATCH/properties/desired/?$version=\(version)"
    }

    /// `$iothub/methods/POST/{name}/?$rid={rid}`.
    public static func methodRequest(name: String, requestID: String) -> String {
        "$iothub/methods/POST/\(IoTHubPropertyBag.encode(name))/?$rid=\(IoTHubPropertyBag.encode(requestID))"
    }

    /// `devices/{deviceId}/messages/devicebound/{property bag}`.
    public static func cloudToDevice(deviceID: String, properties: IoTHubPropertyBag) -> String {
        "devices/\(deviceID)/messages/devicebound/\(properties.encoded)"
    }
}
