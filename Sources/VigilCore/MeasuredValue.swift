/// A value as a device sent it, before normalization.
public enum MeasuredValue: Sendable, Hashable {
    case number(Double)
    case flag(Bool)
    case text(String)

    /// The value as text, kept next to the canonical value so nothing the device said is lost.
    public var originalText: String {
        switch self {
        case .number(let value): value.shortDescription
        case .flag(let value): value ? "true" : "false"
        case .text(let value): value
        }
    }
}

extension Double {
    /// `72` rather than `72.0`; other values as Swift prints them.
    var shortDescription: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
