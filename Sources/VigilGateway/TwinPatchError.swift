/// Why a twin patch was refused. Carries no property names or values, so it
/// is safe to log and to return.
public struct TwinPatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable reason.
    public enum Code: String, Sendable, Hashable {
        /// The body is not JSON.
        case invalidJSON = "invalid_json"
        /// The body is JSON but not an object.
        case notAnObject = "not_an_object"
        /// A property name starts with `$` (reserved for metadata such as `$version`).
        case reservedName = "reserved_property_name"
        /// The document would nest objects more than ``DeviceTwins/maximumDepth`` deep.
        case tooDeep = "too_deep"
        /// The document would exceed ``DeviceTwins/maximumDocumentBytes``.
        case tooLarge = "too_large"
        /// Other writers kept changing the twin; nothing was written.
        case contention = "contention"
    }

    /// Why the patch was refused.
    public var code: Code

    /// A refusal for `code`.
    public init(_ code: Code) {
        self.code = code
    }

    /// The code's text.
    public var description: String { code.rawValue }
}
