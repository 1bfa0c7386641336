/// Why a direct method call got no answer. Safe to log and to return.
public struct DirectMethodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable reason.
    public enum Code: String, Sendable, Hashable {
        /// The device is not connected to this node, or has not subscribed to methods.
        case deviceOffline = "device_offline"
        /// The device did not answer in time.
        case timeout = "timeout"
        /// The device disconnected before answering.
        case disconnected = "device_disconnected"
    }

    /// Why the call got no answer.
    public var code: Code

    /// An error for `code`.
    public init(_ code: Code) {
        self.code = code
    }

    /// The code's text.
    public var description: String { code.rawValue }
}
