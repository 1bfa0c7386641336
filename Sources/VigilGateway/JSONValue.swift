/// A JSON value as `JSONParser` reads it.
///
/// Numbers and booleans are distinct cases (unlike `NSNumber`), so a device
/// sending `true` for a heart rate is caught rather than read as `1`.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONElement])
    case object([JSONMember])

    /// Whether the value is `null`; optional members that are `null` count as absent.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// An element of a JSON array, with where its bytes lie in the document.
struct JSONElement: Sendable {
    var value: JSONValue
    /// The value's bytes in the document, for quoting it back exactly.
    var range: Range<Int>
}

/// A member of a JSON object, in document order (duplicates are kept), with
/// where its name and value lie in the document.
struct JSONMember: Sendable {
    var key: String
    /// The name's bytes in the document, quotes included.
    var keyRange: Range<Int>
    var value: JSONValue
    /// The value's bytes in the document.
    var valueRange: Range<Int>
}
