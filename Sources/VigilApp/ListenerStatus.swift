/// Which network listeners a server meant to open and which are bound, for
/// `/health/ready`: a node is not ready until every listener it announced is
/// accepting connections.
public actor ListenerStatus {
    private var expected: Set<String> = []
    private var bound: Set<String> = []

    /// No listener expected yet.
    public init() {}

    /// Declares a listener (`http`, `https`, `mqtt`, `mqtt-plain`) that must be bound.
    public func expect(_ name: String) { expected.insert(name) }

    /// Records that a listener is accepting connections.
    public func markBound(_ name: String) { bound.insert(name) }

    /// The expected listeners not bound yet, sorted.
    public var missing: [String] { expected.subtracting(bound).sorted() }

    /// The bound listeners, sorted.
    public var boundNames: [String] { bound.sorted() }
}
