extension Format {
    /// Requests per second, rounded: `1,234 requests/s`.
    static func requests(_ value: Double) -> String { "\(thousands(Int(value.rounded()))) requests/s" }
}
