import Foundation

/// Encodes `Encodable` values as compact JSON with sorted keys, in one pass
/// over one byte buffer: what `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]`, byte for byte, at a fraction of
/// its cost (it builds no tree of boxed values and no dictionary per object).
///
/// For the payloads written once per alert change or reading (alert details,
/// webhook bodies, server-sent events), where `JSONEncoder` was a large share
/// of the server's CPU.
///
/// Members are written as the value's `encode(to:)` visits them; when an object
/// is closed its members are put in key order (as `String` compares) if they are
/// not already. `Date` is written with `dateFormat`, or as `Date` encodes
/// itself when there is none (`JSONEncoder`'s default); `URL` as its absolute
/// string; `Data` in Base64. Errors carry no coding path.
public struct CompactJSONEncoder: Sendable {
    /// How dates are written; `nil` leaves them to `Date.encode(to:)`.
    public var dateFormat: (@Sendable (Date) -> String)?

    /// An encoder writing dates with `dateFormat`, or as `Date` encodes itself.
    public init(dateFormat: (@Sendable (Date) -> String)? = nil) {
        self.dateFormat = dateFormat
    }

    /// The JSON text of `value`.
    public func encode(_ value: some Encodable) throws -> Data {
        Data(try encodeBytes(value))
    }

    /// The JSON text of `value` as a string.
    public func encodeString(_ value: some Encodable) throws -> String {
        String(decoding: try encodeBytes(value), as: UTF8.self)
    }

    private func encodeBytes(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONByteWriter(dateFormat: dateFormat)
        try writer.writeValue(value)
        writer.closeContainers(downTo: 0)
        return writer.bytes
    }
}

/// The state of one encoding: the output and the containers still open.
///
/// A container is closed when something is next written to a container
/// outside it, or when encoding ends; a member whose value wrote nothing is
/// given `{}`, as `JSONEncoder` does.
final class JSONByteWriter: Encoder {
    /// An open object or array.
    private struct OpenContainer {
        /// Where its first member starts (just after `{` or `[`).
        var start: Int
        var isObject: Bool
        /// Objects only: where its members begin in `members`.
        var firstMember: Int
        var count = 0
    }

    /// A member of an open object: its key and where it starts in `bytes`.
    private struct Member {
        var key: String
        var start: Int
        /// Set when its object is sorted: where it ends (before the comma).
        var end = 0
    }

    // Unchecked: one encoding runs on one thread, and dynamic exclusivity
    // checks on every append were a large part of its cost.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var open: [OpenContainer] = []
    /// The members of every open object, outermost first; shared so that
    /// objects allocate nothing of their own.
    @exclusivity(unchecked) private var members: [Member] = []
    /// Scratch space for reordering an object's members.
    @exclusivity(unchecked) private var reordered: [UInt8] = []
    /// Where a member's value should start, until something is written there.
    @exclusivity(unchecked) private var awaitedValue: Int?
    /// The depth of the container the value being encoded opened, if it did:
    /// asking for a container again at the same level returns that one, as
    /// `JSONEncoder` does (an enum writing its `kind`, then its payload's
    /// members with the same encoder, makes one object).
    @exclusivity(unchecked) private var valueContainerDepth: Int?
    private let dateFormat: (@Sendable (Date) -> String)?

    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(dateFormat: (@Sendable (Date) -> String)?) {
        self.dateFormat = dateFormat
        bytes.reserveCapacity(512)
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ObjectContainer<Key>(writer: self, depth: valueContainer(isObject: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ArrayContainer(writer: self, depth: valueContainer(isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ValueContainer(writer: self) }

    // MARK: Structure

    /// The container of the value being encoded: a new one where a value is
    /// awaited (or nothing is written yet), else the one it opened already.
    private func valueContainer(isObject: Bool) -> Int {
        let awaited = bytes.isEmpty || awaitedValue == bytes.count
        if !awaited, let depth = valueContainerDepth {
            closeContainers(downTo: depth)
            return depth
        }
        let depth = openContainer(isObject: isObject)
        if valueContainerDepth == nil { valueContainerDepth = depth }
        return depth
    }

    /// Opens an object or array at the current position; returns its depth.
    private func openContainer(isObject: Bool) -> Int {
        valueWritten()
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append(OpenContainer(start: bytes.count, isObject: isObject, firstMember: members.count))
        return open.count
    }

    /// Starts the next member of the object at `depth`: closes anything
    /// deeper, then writes the separator and `key`.
    func beginMember(_ key: String, depth: Int) {
        closeContainers(downTo: depth)
        if open[depth - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth - 1].count += 1
        members.append(Member(key: key, start: bytes.count))
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        awaitedValue = bytes.count
    }

    /// Starts the next element of the array at `depth`.
    func beginElement(depth: Int) {
        closeContainers(downTo: depth)
        if open[depth - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth - 1].count += 1
        awaitedValue = bytes.count
    }

    /// Closes the containers deeper than `depth`, innermost first.
    func closeContainers(downTo depth: Int) {
        fillAwaitedValue()
        while open.count > depth {
            let container = open.removeLast()
            if container.isObject {
                sortMembers(container)
                members.removeSubrange(container.firstMember...)
                bytes.append(UInt8(ascii: "}"))
            } else {
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }

    /// Gives a member whose value wrote nothing an empty object.
    private func fillAwaitedValue() {
        if let awaited = awaitedValue, awaited == bytes.count {
            bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        }
        awaitedValue = nil
    }

    private func valueWritten() { awaitedValue = nil }

    /// Puts an object's members, which end at the end of the output, in key order.
    private func sortMembers(_ container: OpenContainer) {
        let first = container.firstMember
        let last = members.count - 1
        guard first < last else { return }
        var sorted = true
        for index in first..<last {
            // Each member runs from its start to the comma before the next one.
            members[index].end = members[index + 1].start - 1
            sorted = sorted && Self.precedes(members[index].key, members[index + 1].key)
        }
        members[last].end = bytes.count
        guard !sorted else { return }
        // Insertion sort: objects are small, and often nearly in order.
        for index in (first + 1)...last {
            let member = members[index]
            var slot = index
            while slot > first, Self.precedes(member.key, members[slot - 1].key) {
                members[slot] = members[slot - 1]
                slot -= 1
            }
            members[slot] = member
        }
        reordered.removeAll(keepingCapacity: true)
        for index in first...last {
            if index > first { reordered.append(UInt8(ascii: ",")) }
            reordered.append(contentsOf: bytes[members[index].start..<members[index].end])
        }
        bytes.replaceSubrange(container.start..<bytes.count, with: reordered)
    }

    /// Key order, as `JSONEncoder` sorts keys.
    private static func precedes(_ first: String, _ second: String) -> Bool { first < second }

    // MARK: Values

    /// Writes any value at the current position.
    func writeValue<T: Encodable>(_ value: T) throws {
        // Comparing types first is far cheaper than a dynamic cast of every value.
        if T.self == Date.self, let dateFormat, let date = value as? Date {
            writeString(dateFormat(date))
        } else if T.self == URL.self, let url = value as? URL {
            writeString(url.absoluteString)
        } else if T.self == Data.self, let data = value as? Data {
            writeString(data.base64EncodedString())
        } else {
            let enclosing = valueContainerDepth
            valueContainerDepth = nil
            defer { valueContainerDepth = enclosing }
            try value.encode(to: self)
        }
    }

    func writeNull() { writeRaw("null") }
    func writeBool(_ value: Bool) { writeRaw(value ? "true" : "false") }

    /// Writes an integer of any width, digit by digit.
    func writeInteger(_ value: some BinaryInteger) {
        valueWritten()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude != 0
        bytes[start...].reverse()
    }

    /// Writes a finite floating-point number as `JSONEncoder` does: the
    /// shortest form that reads back the same, without a trailing `.0`.
    func writeNumber<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "JSON has no non-finite numbers"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        writeRaw(text)
    }

    /// Writes `text` as a JSON string: quotes, backslashes and control
    /// characters escaped, everything else as UTF-8.
    func writeString(_ text: String) {
        valueWritten()
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if utf8.contains(where: Self.needsEscape) {
                for byte in utf8 { appendEscaped(byte) }
            } else {
                bytes.append(contentsOf: utf8)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0..<0x20:
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private func writeRaw(_ text: String) {
        valueWritten()
        bytes.append(contentsOf: text.utf8)
    }
}

/// A JSON object being written; its members go straight to the writer.
private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        try writer.writeNumber(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        try writer.writeNumber(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }

    private func integer(_ value: some BinaryInteger, _ key: Key) {
        writer.beginMember(key.stringValue, depth: depth)
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        writer.beginMember(key.stringValue, depth: depth)
        try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        writer.beginMember(key.stringValue, depth: depth)
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.beginMember(key.stringValue, depth: depth)
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginMember("super", depth: depth)
        return writer
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.beginMember(key.stringValue, depth: depth)
        return writer
    }
}

/// A JSON array being written; its elements go straight to the writer.
private struct ArrayContainer: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONByteWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func encodeNil() throws {
        next()
        writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        next()
        writer.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        next()
        writer.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        next()
        try writer.writeNumber(value)
    }

    mutating func encode(_ value: Float) throws {
        next()
        try writer.writeNumber(value)
    }

    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }

    private mutating func integer(_ value: some BinaryInteger) {
        next()
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        next()
        try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        next()
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next()
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        next()
        return writer
    }

    private mutating func next() {
        writer.beginElement(depth: depth)
        count += 1
    }
}

/// One value written at the current position.
private struct ValueContainer: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeNull() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeNumber(value) }
    mutating func encode(_ value: Float) throws { try writer.writeNumber(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.writeValue(value) }
}
