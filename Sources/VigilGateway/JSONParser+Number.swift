extension JSONParser {
    /// Reads a number per the JSON grammar (no leading zeros, no `+`, no bare `.`).
    ///
    /// Short decimals (15 significant digits or fewer, no exponent) are computed
    /// exactly with one correctly rounded division; others go through the
    /// standard library's correctly rounded text conversion. Values too large
    /// for a `Double` become infinite and are refused later as non-finite.
    mutating func parseNumber() throws(Failure) -> Double {
        let start = index
        let negative = current == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        guard let first = current, isDigit(first) else { throw failure }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, isDigit(byte) {
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
        }
        var fractionDigits = 0
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, isDigit(byte) else { throw failure }
            while let byte = current, isDigit(byte) {
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        var hasExponent = false
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { throw failure }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if !hasExponent, digits <= 15 {
            // Both operands are exact doubles (below 2^53 and 10^15), so one division rounds correctly.
            let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw failure }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static let powersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]
}
