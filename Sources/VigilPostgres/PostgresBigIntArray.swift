import PostgresNIO

/// A `bigint[]` bind parameter whose elements may be NULL, which postgres-nio's
/// own array encoding cannot express.
struct PostgresBigIntArray: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable {
    var elements: [Int64?]

    static var psqlType: PostgresDataType { .int8Array }
    static var psqlFormat: PostgresFormat { .binary }

    /// Writes the binary array format: dimensions, null flag, element type,
    /// then each element as a length (-1 for NULL) and its eight bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains(nil) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.int8.rawValue)
        guard !elements.isEmpty else { return }
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            if let element {
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(element)
            } else {
                buffer.writeInteger(-1, as: Int32.self)
            }
        }
    }
}
