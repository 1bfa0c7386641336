import PostgresNIO

/// An array bind parameter whose elements may be NULL, which postgres-nio's
/// own array encoding cannot express.
struct PostgresNullableArray<Element: PostgresArrayElement>: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable {
    var elements: [Element?]

    static var psqlType: PostgresDataType { Element.arrayType }
    static var psqlFormat: PostgresFormat { .binary }

    /// Writes the binary array format: dimensions, null flag, element type,
    /// then each element as a length (-1 for NULL) and its bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains { $0 == nil } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(Element.elementType.rawValue)
        guard !elements.isEmpty else { return }
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let written = element.writeBinary(into: &buffer)
            buffer.setInteger(Int32(written), at: lengthIndex)
        }
    }
}

/// A value that can be an element of a `PostgresNullableArray`.
protocol PostgresArrayElement: Sendable {
    /// The element's PostgreSQL type, such as `text`.
    static var elementType: PostgresDataType { get }
    /// The array type, such as `text[]`.
    static var arrayType: PostgresDataType { get }
    /// Writes the element's binary form; returns the number of bytes written.
    func writeBinary(into buffer: inout ByteBuffer) -> Int
}

extension String: PostgresArrayElement {
    static var elementType: PostgresDataType { .text }
    static var arrayType: PostgresDataType { .textArray }
    func writeBinary(into buffer: inout ByteBuffer) -> Int { buffer.writeString(self) }
}

extension Int64: PostgresArrayElement {
    static var elementType: PostgresDataType { .int8 }
    static var arrayType: PostgresDataType { .int8Array }
    func writeBinary(into buffer: inout ByteBuffer) -> Int { buffer.writeInteger(self) }
}

/// A `text[]` whose elements may be NULL.
typealias PostgresTextArray = PostgresNullableArray<String>
/// A `bigint[]` whose elements may be NULL.
typealias PostgresBigIntArray = PostgresNullableArray<Int64>
