/// Number formats for the human-readable lines and the Markdown table; the
/// same on every locale.
enum Format {
    /// `1234567` as `1,234,567`.
    static func thousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { grouped += "," }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// Seconds with three significant decimals below 10 s, one decimal above: `0.412 s`, `23.4 s`.
    static func seconds(_ value: Double) -> String {
        value < 10 ? "\(fixed(value, decimals: 3)) s" : "\(fixed(value, decimals: 1)) s"
    }

    /// Rows per second, rounded: `52,310 rows/s`.
    static func rate(_ value: Double) -> String { "\(thousands(Int(value.rounded()))) rows/s" }

    /// A ratio with two decimals: `1.05×`.
    /// Bytes as KiB with one decimal: `123.4 KiB`.
    static func kibibytes(_ bytes: Int) -> String { "\(fixed(Double(bytes) / 1024, decimals: 1)) KiB" }

    static func ratio(_ value: Double) -> String { "\(fixed(value, decimals: 2))×" }

    /// `value` with exactly `decimals` digits after the point.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(abs(scaled % Int(scale)))
        guard decimals > 0 else { return String(whole) }
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }
}
