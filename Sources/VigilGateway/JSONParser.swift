/// A strict RFC 8259 JSON reader over UTF-8 bytes that records where every
/// array element and object member lies, so a fragment can be quoted back
/// exactly as the device sent it.
///
/// It rejects invalid UTF-8, unescaped control characters, lone surrogates,
/// trailing content and nesting deeper than `maximumDepth`. A leading UTF-8
/// byte order mark is skipped.
struct JSONParser {
    /// The document is not JSON Vigil accepts. Carries only a byte offset.
    struct Failure: Error, Equatable {
        let offset: Int
    }

    /// Arrays and objects may nest this deep; device messages need three levels.
    static let maximumDepth = 32

    let bytes: [UInt8]
    var index: Int
    private var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads the whole document: one value with only whitespace around it.
    mutating func parseDocument() throws(Failure) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure }
        return value
    }

    var failure: Failure { Failure(offset: index) }

    /// The byte at the read position, if any.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(Failure) -> JSONValue {
        guard let byte = current else { throw failure }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try consume("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try consume("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try consume("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure
        }
    }

    private mutating func consume(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { throw failure }
        index += count
    }

    private mutating func enterContainer() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure }
        index += 1
        skipWhitespace()
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        try enterContainer()
        var members: [JSONMember] = []
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure }
            let keyStart = index
            let key = try parseString()
            let keyRange = keyStart..<index
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure }
            index += 1
            skipWhitespace()
            let valueStart = index
            let value = try parseValue()
            members.append(JSONMember(key: key, keyRange: keyRange, value: value, valueRange: valueStart..<index))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(members)
            default:
                throw failure
            }
        }
    }

    private mutating func parseArray() throws(Failure) -> JSONValue {
        try enterContainer()
        var elements: [JSONElement] = []
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            let start = index
            let value = try parseValue()
            elements.append(JSONElement(value: value, range: start..<index))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw failure
            }
        }
    }
}
