/// A storage failure. The description names the kind of record, never its content.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A unique key already exists (username, device id, …).
        case conflict
        /// The record to update does not exist.
        case notFound
        /// The database's schema is newer than this build knows.
        case schemaTooNew
        /// The database could not be reached or answered with an error.
        case unavailable
    }

    public let code: Code
    /// The kind of record involved, such as `user` or `device`.
    public let entity: String

    public init(_ code: Code, entity: String) {
        self.code = code
        self.entity = entity
    }

    public var description: String { "\(code.rawValue) (\(entity))" }
}
