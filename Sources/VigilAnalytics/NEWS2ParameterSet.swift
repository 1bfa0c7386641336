/// A set of NEWS2 parameters, such as those missing from a score; a bit mask,
/// so building and reading one never allocates.
///
/// It iterates in chart order and encodes as a JSON array of parameter names.
public struct NEWS2ParameterSet: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral, Codable {
    // Bit n is the parameter at chart position n; usable from inlinable code.
    @usableFromInline var mask: UInt8

    /// The empty set.
    @inlinable public init() { mask = 0 }

    /// A set of the given parameters.
    public init(_ parameters: some Sequence<NEWS2Parameter>) {
        mask = 0
        for parameter in parameters { insert(parameter) }
    }

    /// A set of the listed parameters.
    public init(arrayLiteral parameters: NEWS2Parameter...) { self.init(parameters) }

    /// Whether the set has no parameters.
    @inlinable public var isEmpty: Bool { mask == 0 }

    /// How many parameters the set has.
    public var count: Int { mask.nonzeroBitCount }

    /// Whether `parameter` is in the set.
    @inlinable public func contains(_ parameter: NEWS2Parameter) -> Bool { mask & parameter.bit != 0 }

    /// Adds `parameter`.
    @inlinable public mutating func insert(_ parameter: NEWS2Parameter) { mask |= parameter.bit }

    /// The parameters in chart order.
    public func makeIterator() -> Iterator { Iterator(remaining: mask) }

    /// Walks a set's parameters in chart order.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt8

        /// The next parameter, or `nil` after the last.
        public mutating func next() -> NEWS2Parameter? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return NEWS2Parameter(chartPosition: index)
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([NEWS2Parameter].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Array(self))
    }
}
