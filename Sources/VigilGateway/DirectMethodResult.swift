import VigilCore

/// A device's answer to a direct method call.
public struct DirectMethodResult: Sendable, Hashable {
    /// The status the device chose (by convention 200 for success).
    public var status: Int
    /// The JSON the device answered with (`null` for an empty body).
    public var payload: AnyJSON

    /// An answer with a status and a payload.
    public init(status: Int, payload: AnyJSON) {
        self.status = status
        self.payload = payload
    }
}
