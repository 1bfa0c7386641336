import Foundation
import VigilCore

/// A patient's conditions as both stores keep them: a JSON array of their names.
public enum ConditionsColumn {
    /// The column text of `conditions`.
    public static func encode(_ conditions: [Condition]) throws -> String {
        try JSONColumn.encode(conditions.map(\.rawValue))
    }

    /// Reads what ``encode(_:)`` wrote (parsed without `JSONDecoder`, which was
    /// a visible part of listing 500 patients). Names a newer build added are
    /// dropped rather than failing the read; text that is not an array of
    /// strings is `StoreError.unavailable`.
    public static func decode(_ text: String) throws -> [Condition] {
        guard case .array(let names)? = AnyJSON(parsing: Data(text.utf8)) else {
            throw StoreError(.unavailable, entity: "patient")
        }
        return try names.compactMap { name in
            guard case .string(let rawValue) = name else { throw StoreError(.unavailable, entity: "patient") }
            return Condition(rawValue: rawValue)
        }
    }
}
