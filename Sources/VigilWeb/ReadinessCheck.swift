/// One part of `/health/ready`: a name and a check that says whether that
/// part is ready, with details that carry no patient data.
public struct ReadinessCheck: Sendable {
    /// The outcome of one check.
    public struct Result: Sendable, Encodable, Equatable {
        /// `up` or `down`.
        public var status: String
        /// What was found, for operators (counts, listener names); never patient data.
        public var detail: String?

        /// A passing check.
        public static func up(_ detail: String? = nil) -> Result { Result(status: "up", detail: detail) }
        /// A failing check.
        public static func down(_ detail: String? = nil) -> Result { Result(status: "down", detail: detail) }

        /// Whether the check passed.
        public var isUp: Bool { status == "up" }
    }

    /// The key of this check in the readiness body, such as `database`.
    public let name: String
    /// Runs the check; it must not throw (a failure is `down`).
    public let check: @Sendable () async -> Result

    public init(name: String, check: @escaping @Sendable () async -> Result) {
        self.name = name
        self.check = check
    }
}
