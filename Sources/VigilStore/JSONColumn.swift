import Foundation
import VigilCore

/// Values both stores keep as JSON text in a column (cloud-message
/// properties, session subscriptions, patient conditions), and JSON arrays
/// passed to SQLite's `json_each`.
public enum JSONColumn {
    /// A value as JSON text with sorted keys.
    public static func encode(_ value: some Encodable) throws -> String {
        try CompactJSONEncoder().encodeString(value)
    }

    /// Reads what ``encode(_:)`` wrote; a malformed column is `StoreError.unavailable`, never quoting the text.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, entity: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.unavailable, entity: entity)
        }
    }
}
